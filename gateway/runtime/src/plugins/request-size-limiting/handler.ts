/**
 * request-size-limiting (PRIORITY 951, kong-gateway.md A6.2): a numeric Content-Length decides
 * alone; otherwise the body is read (up to the limit) and measured. Over the limit → 413, or 417
 * with `Expect: 100-continue`; `require_content_length` → 411 for bodies of unknown length.
 */
import type { PluginHandler } from '../plugin';
import { kongError } from '../../proxy/kong-response';
import { readBody } from '../../proxy/read-body';
import type { RequestContext } from '../../proxy/request-context';
import { type RequestSizeLimitingConfig, requestSizeLimitingSchema, UNIT_BYTES } from './schema';

const TOO_LARGE = 'Request size limit exceeded';

function reject(ctx: RequestContext): void {
  const expect = ctx.header('expect');
  kongError(ctx, expect?.trim().toLowerCase() === '100-continue' ? 417 : 413, TOO_LARGE);
}

/** Lua `tonumber`: decimal (or hex) text, surrounding spaces allowed. */
function numericLength(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

export const requestSizeLimitingPlugin: PluginHandler = {
  name: 'request-size-limiting',
  priority: 951,
  schema: requestSizeLimitingSchema,
  create(instance) {
    const conf = instance.config as unknown as RequestSizeLimitingConfig;
    const allowed = conf.allowed_payload_size * UNIT_BYTES[conf.size_unit];
    return {
      access(ctx) {
        const length = numericLength(ctx.header('content-length'));
        if (length !== undefined) {
          if (length > allowed) reject(ctx);
          return;
        }
        if (conf.require_content_length && ctx.header('transfer-encoding') !== 'chunked') {
          kongError(ctx, 411, 'A valid Content-Length header is required');
          return;
        }
        // Without Content-Length or Transfer-Encoding an HTTP/1.1 request has no body (size 0).
        if (ctx.header('transfer-encoding') === undefined) return;
        if (ctx.bufferedBody !== undefined) {
          if (ctx.bufferedBody.length > allowed) reject(ctx);
          return;
        }
        return readBody(ctx, allowed).then((body) => {
          if (body === undefined) reject(ctx);
          else ctx.bufferedBody = body;
        });
      },
    };
  },
};
