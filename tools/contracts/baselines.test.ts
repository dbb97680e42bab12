import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { planBaselines } from './baselines';
import { breakingChangesGate } from './breaking.gate';
import { type JsonObject } from './contract-types';
import { at, sampleOpenApi } from './fixtures/sample-openapi';

let repo: string;

function git(...args: string[]): string {
  const identity = [
    '-c',
    'user.name=Test',
    '-c',
    'user.email=test@example.com',
    '-c',
    'commit.gpgsign=false',
    '-c',
    'tag.gpgsign=false',
  ];
  return execFileSync('git', ['-C', repo, ...identity, ...args], { encoding: 'utf8' });
}

function writeContract(doc: JsonObject): void {
  mkdirSync(path.join(repo, 'contracts', 'openapi'), { recursive: true });
  writeFileSync(
    path.join(repo, 'contracts', 'openapi', 'items.yaml'),
    stringify(doc, { aliasDuplicateObjects: false }),
  );
}

function commit(message: string): void {
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', message);
}

const withoutList = (): JsonObject => {
  const doc = sampleOpenApi();
  delete at(doc, 'paths', '/api/v1/items').get;
  return doc;
};

describe('breaking-change baselines from git', () => {
  beforeEach(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'bazaar-baselines-'));
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  test('outside a git repository there is no baseline and the gate passes, saying why', async () => {
    writeContract(sampleOpenApi());
    const outcome = await breakingChangesGate(repo);
    expect(outcome.ok).toBe(true);
    expect(outcome.lines).toEqual([
      'baselines: none',
      '  note: not a git repository: no baseline to compare against',
    ]);
  });

  test('a first commit has no parent: nothing to compare, and the report says so', async () => {
    git('init', '-q');
    writeContract(sampleOpenApi());
    commit('first');
    writeContract(withoutList());
    const outcome = await breakingChangesGate(repo);
    expect(outcome.ok).toBe(true);
    expect(outcome.lines).toEqual([
      'baselines: none',
      '  note: no parent commit: HEAD is the first commit',
      '  note: no release tag matching v* reachable from HEAD',
    ]);
  });

  test('a breaking change committed in HEAD fails against the parent commit', async () => {
    git('init', '-q');
    writeContract(sampleOpenApi());
    commit('first');
    writeContract(withoutList());
    commit('drop listItems');
    const outcome = await breakingChangesGate(repo);
    expect(outcome.ok).toBe(false);
    expect(outcome.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^against parent commit [0-9a-f]{7} \(HEAD\^\): 1 breaking change\(s\)$/,
        ),
        '  openapi  items GET /api/v1/items #/paths/~1api~1v1~1items/get: operation removed',
        '  a deliberate break? add the trailer "Breaking-Contract-Change: <reason>" to HEAD\'s commit message',
      ]),
    );
  });

  test("HEAD's Breaking-Contract-Change trailer reports the break against the parent without failing", async () => {
    git('init', '-q');
    writeContract(sampleOpenApi());
    commit('first');
    writeContract(withoutList());
    commit(
      'drop listItems\n\nNobody calls it.\n\nBreaking-Contract-Change: listItems moves to search in v2',
    );
    const outcome = await breakingChangesGate(repo);
    expect(outcome.ok).toBe(true);
    expect(outcome.lines).toEqual(
      expect.arrayContaining([
        '  openapi  items GET /api/v1/items #/paths/~1api~1v1~1items/get: operation removed',
        '  waived by HEAD\'s trailer "Breaking-Contract-Change: listItems moves to search in v2" (reported, not failing)',
      ]),
    );
  });

  test('a break against the latest release tag fails even with the trailer', async () => {
    git('init', '-q');
    writeContract(sampleOpenApi());
    commit('release');
    git('tag', 'v1.0.0');
    writeContract(withoutList());
    commit('drop listItems');
    writeFileSync(path.join(repo, 'NOTES.md'), 'later\n');
    commit('unrelated\n\nBreaking-Contract-Change: trying to waive the release');
    const plan = planBaselines(repo);
    expect(plan.baselines.map((b) => [b.kind, b.waivable])).toEqual([
      ['parent', true],
      ['release', false],
    ]);
    const outcome = await breakingChangesGate(repo);
    expect(outcome.ok).toBe(false);
    expect(outcome.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^against parent commit [0-9a-f]{7} \(HEAD\^\): no breaking change$/),
        expect.stringMatching(
          /^against release tag v1\.0\.0 \([0-9a-f]{7}\): 1 breaking change\(s\)$/,
        ),
        '  a release tag cannot be waived: add a new version (/api/v2, ....v2 event, bazaar.inventory.v2) instead',
      ]),
    );
  });

  test('a baseline without a contracts directory makes everything new', async () => {
    git('init', '-q');
    writeFileSync(path.join(repo, 'README.md'), 'empty\n');
    commit('first');
    writeContract(sampleOpenApi());
    commit('contracts');
    const outcome = await breakingChangesGate(repo);
    expect(outcome.ok).toBe(true);
    expect(outcome.lines).toEqual(
      expect.arrayContaining(['  note: it has no contracts/ directory: everything is new']),
    );
  });

  test('a shallow clone without the parent commit says so', () => {
    git('init', '-q');
    writeContract(sampleOpenApi());
    commit('first');
    commit('second');
    const source = repo;
    const clone = `${repo}-clone`;
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${source}`, clone]);
    try {
      expect(planBaselines(clone).notes).toEqual([
        'no parent commit: shallow clone (fetch with depth >= 2 to check against HEAD^)',
        'no release tag matching v* reachable from HEAD',
      ]);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  test('an unreadable current document fails the gate without reporting its operations as removed', async () => {
    git('init', '-q');
    writeContract(sampleOpenApi());
    commit('first');
    commit('second');
    writeFileSync(
      path.join(repo, 'contracts', 'openapi', 'items.yaml'),
      'openapi: 3.1.0\npaths: [unclosed\n',
    );
    const outcome = await breakingChangesGate(repo);
    expect(outcome.ok).toBe(false);
    expect(outcome.lines[0]).toMatch(/^cannot read a current document: .*items\.yaml/);
    expect(outcome.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^against parent commit [0-9a-f]{7} \(HEAD\^\): no breaking change$/),
      ]),
    );
  });
});
