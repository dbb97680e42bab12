/**
 * `npx tsx services/orders/src/cli/replay-read-model.ts [--settle-ms N] [--keep] [--swap] [--json]`:
 * rebuilds orders_by_customer from the order event store into a fresh table, compares it with the
 * live table (row count and MD5 checksum) and reports. Exit codes: 0 parity (or, with --swap, the
 * rebuilt table is now live), 1 mismatch or failure, 2 bad arguments. Reads ORDERS_DATABASE_URL.
 */
import { parseArgs } from 'node:util';
import { createPool } from '@bazaar/platform/db/index';
import { replayReadModel, type ReplayReport } from '../use-cases/replay-read-model';
import { loadCliConfig } from './cli-environment';

const USAGE = `usage: npx tsx services/orders/src/cli/replay-read-model.ts [--settle-ms <ms>] [--keep] [--swap] [--json]

Rebuilds the orders_by_customer read model from order_events into a new table and checks parity
with the live one (row count and checksum over every row).
  --settle-ms <ms>  keep re-reading the live table this long while it catches up (default 0)
  --keep            keep the rebuilt table (its name is printed) instead of dropping it
  --swap            make the rebuilt table live (rebuilt again under a lock; the old one is kept)
  --json            print the report as JSON
Reads ORDERS_DATABASE_URL (default postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_orders).`;

class UsageError extends Error {}

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'settle-ms': { type: 'string', default: '0' },
        keep: { type: 'boolean', default: false },
        swap: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  const settleMs = Number(values['settle-ms']);
  if (!Number.isInteger(settleMs) || settleMs < 0 || settleMs > 600_000)
    throw new UsageError(
      `--settle-ms must be an integer from 0 to 600000, got "${values['settle-ms']}"`,
    );
  if (values.keep && values.swap) throw new UsageError('give --keep or --swap, not both');
  return { settleMs, keep: values.keep, swap: values.swap, json: values.json };
}

function describe(report: ReplayReport): string {
  const lines = [
    `replayed ${report.events} public events of ${report.orders} orders into ${report.table}`,
    `live:     ${report.live.rows} rows, checksum ${report.live.checksum}`,
    `replayed: ${report.replayed.rows} rows, checksum ${report.replayed.checksum}`,
    report.parity
      ? 'parity: OK'
      : `parity: MISMATCH (orders differing: ${report.differing.join(', ')})`,
  ];
  if (report.retiredTable)
    lines.push(
      `swapped: ${report.table} is now orders_by_customer; the old table is ${report.retiredTable}`,
    );
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `${error.message}\n` : ''}${USAGE}\n`);
    return error.message ? 2 : 0;
  }
  const { databaseUrl } = loadCliConfig();
  const pool = createPool(databaseUrl, { applicationName: 'orders:replay-read-model', max: 2 });
  try {
    const report = await replayReadModel(pool, args);
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
    return report.parity || report.retiredTable ? 0 : 1;
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`replay-read-model failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
