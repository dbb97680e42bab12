import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkMigrationsDir, PLATFORM_MIGRATIONS_DIR } from './migrate';

function dirWith(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bazaar-check-migrations-'));
  for (const file of files) writeFileSync(path.join(dir, file), 'SELECT 1;');
  return dir;
}

describe('checkMigrationsDir', () => {
  it('lists NNNN_name.sql files in order and ignores dotfiles', () => {
    expect(checkMigrationsDir(dirWith(['0002_b.sql', '0001_a.sql', '.keep']))).toEqual([
      '0001_a.sql',
      '0002_b.sql',
    ]);
  });

  it('refuses a file that is not NNNN_lower_snake_name.sql, naming it', () => {
    expect(() => checkMigrationsDir(dirWith(['0001_a.sql', '2_AddThing.sql']))).toThrow(
      /2_AddThing\.sql must be named/,
    );
  });

  it('refuses two migrations sharing a number', () => {
    expect(() => checkMigrationsDir(dirWith(['0001_a.sql', '0001_b.sql']))).toThrow(
      /share number 0001/,
    );
  });

  it("accepts the platform's own migrations", () => {
    expect(checkMigrationsDir(PLATFORM_MIGRATIONS_DIR)[0]).toBe('0001_outbox.sql');
  });
});
