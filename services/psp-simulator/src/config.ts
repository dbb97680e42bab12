/**
 * Every PSP_* variable of the payment provider simulator (services/psp-simulator): where it
 * listens, how slow and how unreliable it is; main.ts loads them, tests pass their own values.
 */
import { configTypes, defineConfig } from '@bazaar/platform/config/index';

const rate = configTypes.number({ min: 0, max: 1 });

export const pspConfig = defineConfig('PSP', {
  httpPort: {
    type: configTypes.port(),
    default: 3010,
    description: 'TCP port the simulator listens on (0 picks a free port).',
  },
  httpHost: {
    type: configTypes.string(),
    default: '127.0.0.1',
    description: 'Interface address the simulator binds to (a stand-in provider stays local).',
  },
  latencyMs: {
    type: configTypes.integer({ min: 0, max: 600_000 }),
    default: 40,
    unit: 'ms',
    description: 'Fixed delay before every charge or refund is processed.',
  },
  latencyJitterMs: {
    type: configTypes.integer({ min: 0, max: 600_000 }),
    default: 60,
    unit: 'ms',
    description: 'Extra uniform random delay (0 to this) added to the fixed latency.',
  },
  failureRate: {
    type: rate,
    default: 0,
    description:
      'Probability (0–1) that a charge or refund answers 503 before anything is recorded.',
  },
  timeoutRate: {
    type: rate,
    default: 0,
    description:
      'Probability (0–1) that a charge or refund never answers (held until the client gives up).',
  },
  hangMs: {
    type: configTypes.integer({ min: 1, max: 3_600_000 }),
    default: 120_000,
    unit: 'ms',
    description:
      'Longest a request that "never answers" is held before its connection is dropped unanswered.',
  },
  randomSeed: {
    type: configTypes.integer({ min: 0, max: 4_294_967_295 }),
    optional: true,
    description:
      'Seed for the random latency and failures, to reproduce a run; unset uses Math.random.',
  },
});

export type PspConfig = ReturnType<typeof pspConfig.load>;
