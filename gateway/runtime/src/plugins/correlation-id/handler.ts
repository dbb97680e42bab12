/**
 * correlation-id (PRIORITY 100001, kong-gateway.md A6.1): keeps a non-empty incoming id, else
 * generates one (`uuid`, `uuid#counter`, `tracker`) and sets it upstream; with `echo_downstream`
 * the same id goes on every response, including Kong's own and those where access never ran.
 */
import { randomUUID } from 'node:crypto';
import type { PluginHandler } from '../plugin';
import type { RequestContext } from '../../proxy/request-context';
import { connectionInfo } from '../../proxy/connection-info';
import { type CorrelationIdConfig, correlationIdSchema } from './schema';

const NAME = 'correlation-id';

/** One UUID per worker plus a counter, as Kong's `init_worker` does; we are one worker. */
const workerUuid = randomUUID();
let workerCounter = 0;

function generate(generator: CorrelationIdConfig['generator'], ctx: RequestContext): string {
  switch (generator) {
    case 'uuid':
      return randomUUID();
    case 'uuid#counter':
      workerCounter += 1;
      return `${workerUuid}#${workerCounter}`;
    case 'tracker': {
      const socket = ctx.req.socket;
      const info = connectionInfo.get(socket) ?? { serial: 0, requests: 1 };
      const address = (socket.localAddress ?? '').replace(/^::ffff:/, '');
      return `${address}-${socket.localPort}-${process.pid}-${info.serial}-${info.requests}-${(Date.now() / 1000).toFixed(3)}`;
    }
  }
}

/** nginx trims header values, so a whitespace-only id counts as absent. */
function incoming(ctx: RequestContext, header: string): string | undefined {
  const value = ctx.header(header)?.trim();
  return value ? value : undefined;
}

export const correlationIdPlugin: PluginHandler = {
  name: NAME,
  priority: 100001,
  schema: correlationIdSchema,
  create(instance) {
    const conf = instance.config as unknown as CorrelationIdConfig;
    const header = conf.header_name.toLowerCase();
    return {
      access(ctx) {
        let id = incoming(ctx, header);
        if (id === undefined) {
          id = generate(conf.generator, ctx);
          ctx.setUpstreamHeader(conf.header_name, id);
        }
        if (conf.echo_downstream) ctx.setState(NAME, id);
      },
      headerFilter(ctx, headers) {
        if (!conf.echo_downstream) return;
        const id =
          ctx.state<string>(NAME) ?? incoming(ctx, header) ?? generate(conf.generator, ctx);
        headers.set(conf.header_name, id);
      },
    };
  },
};
