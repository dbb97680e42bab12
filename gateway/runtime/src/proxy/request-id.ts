/**
 * Request ids as Kong's `X-Kong-Request-Id`: 32 lower-case hex characters from a CSPRNG
 * (nginx `$request_id`). Random bytes are drawn in blocks so the hot path costs a slice.
 */
import { randomFillSync } from 'node:crypto';

const BLOCK = 16 * 256;
const pool = Buffer.allocUnsafe(BLOCK);
let offset = BLOCK;

export function newRequestId(): string {
  if (offset >= BLOCK) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString('hex', offset, offset + 16);
  offset += 16;
  return id;
}
