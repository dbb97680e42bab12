/**
 * `make bench`: runs every `tests/bench/*.bench.ts` in its own process, one after another (they
 * share two cores, so running them together would distort both). Each bench prints its own
 * figures as ratios against a baseline it measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const dir = path.join(root, 'tests', 'bench');
const only = process.argv[2];
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();
if (benches.length === 0) {
  console.error(only ? `no bench matches "${only}"` : 'no benches in tests/bench');
  process.exit(2);
}
let failures = 0;
for (const bench of benches) {
  console.log(`\n==> ${bench}`);
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const result = spawnSync(tsx, [path.join(dir, bench)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failures++;
}
process.exit(failures === 0 ? 0 : 1);
