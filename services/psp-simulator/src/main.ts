/**
 * Process entry of the payment provider simulator (services/psp-simulator): loads PSP_* from the
 * environment, listens, and stops on SIGTERM/SIGINT. Wiring only.
 */
import { loadConfigFromProcessEnv } from '@bazaar/platform/config/index';
import { pspConfig } from './config';
import { startPspSimulator } from './start-psp-simulator';

async function main(): Promise<void> {
  const config = loadConfigFromProcessEnv(pspConfig);
  const started = await startPspSimulator(config);
  process.stdout.write(
    `${JSON.stringify({ level: 'info', service: 'psp-simulator', url: started.url, msg: 'psp-simulator started' })}\n`,
  );
  const stop = (signal: string) => {
    process.stdout.write(
      `${JSON.stringify({ level: 'info', service: 'psp-simulator', signal, msg: 'stopping' })}\n`,
    );
    started.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `psp-simulator failed to start: ${String(error instanceof Error ? error.message : error)}\n`,
  );
  process.exit(1);
});
