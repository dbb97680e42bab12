/**
 * Token decoding as Kong's jwt_parser.lua does it (kong-gateway.md A3.3 rows 3-5): at most three
 * dot-separated parts, base64url with padding restored, header and claims must be JSON, `alg` must
 * be a supported algorithm, the signature part must decode.
 */
import { JWT_ALGORITHMS } from '../../declarative-config/entities/consumer.schema';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signature: Buffer;
  /** `header.claims`, the signed bytes. */
  signingInput: string;
}

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** ngx.base64.decode_base64url after Kong pads to a multiple of 4; undefined when invalid. */
export function decodeBase64Url(input: string): Buffer | undefined {
  const unpadded = input.replace(/=+$/, '');
  if (!BASE64URL.test(input) || unpadded.length % 4 === 1) return undefined;
  return Buffer.from(unpadded, 'base64url');
}

function parseJson(part: string | undefined): unknown {
  if (part === undefined) throw new Error('missing part');
  const bytes = decodeBase64Url(part);
  if (bytes === undefined) throw new Error('not base64url');
  return JSON.parse(bytes.toString('utf8'));
}

/** Splits like jwt_parser.lua `tokenize(str, ".", 3)`: the third part keeps any further dots. */
function tokenize(token: string): string[] {
  const first = token.indexOf('.');
  if (first === -1) return [token];
  const second = token.indexOf('.', first + 1);
  if (second === -1) return [token.slice(0, first), token.slice(first + 1)];
  return [token.slice(0, first), token.slice(first + 1, second), token.slice(second + 1)];
}

const ALGORITHMS = new Set<string>(JWT_ALGORITHMS);

export function decodeJwt(token: string): DecodedJwt | string {
  const [header64, claims64, signature64] = tokenize(token);
  let header: unknown;
  let claims: unknown;
  try {
    header = parseJson(header64);
    claims = parseJson(claims64);
    if (signature64 === undefined) throw new Error('missing signature');
  } catch {
    return 'invalid JSON';
  }
  const headerObj =
    typeof header === 'object' && header !== null ? (header as Record<string, unknown>) : {};
  const alg = headerObj.alg;
  if (typeof alg !== 'string' || !ALGORITHMS.has(alg)) return 'invalid alg';
  const signature = decodeBase64Url(signature64!);
  if (signature === undefined) return 'invalid signature';
  const claimsObj =
    typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  return {
    header: headerObj,
    claims: claimsObj,
    signature,
    signingInput: `${header64}.${claims64}`,
  };
}
