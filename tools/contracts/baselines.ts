// Chooses the baselines the breaking-change gate compares the working tree's contracts against
// (HEAD's parent commit, and the latest `v*` release tag), extracts their `contracts/` trees from
// git, and reads HEAD's `Breaking-Contract-Change:` trailer. Copes with CI clones that are shallow,
// have a single commit, no tags, or are not git repositories at all.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export type Baseline = {
  kind: 'parent' | 'release';
  /** How the report names it: `parent commit 1a2b3c4 (HEAD^)`, `release tag v1.2.0 (5d6e7f8)`. */
  label: string;
  commit: string;
  /** Only the parent baseline can be waived by the trailer; a release tag never. */
  waivable: boolean;
};

export type BaselinePlan = { baselines: Baseline[]; notes: string[]; waiver: string | undefined };

export const WAIVER_TRAILER = 'Breaking-Contract-Change';

function git(repo: string, args: string[]): string | undefined {
  const result = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The reason given by HEAD's `Breaking-Contract-Change: <reason>` trailer, if any. */
export function breakingWaiver(repo: string): string | undefined {
  const format = `--format=%(trailers:key=${WAIVER_TRAILER},valueonly,unfold)`;
  const values = git(repo, ['log', '-1', format, 'HEAD']);
  return values
    ?.split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
}

export function planBaselines(repo: string): BaselinePlan {
  const notes: string[] = [];
  if (git(repo, ['rev-parse', '--is-inside-work-tree']) !== 'true') {
    return {
      baselines: [],
      notes: ['not a git repository: no baseline to compare against'],
      waiver: undefined,
    };
  }
  if (git(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']) === undefined) {
    return {
      baselines: [],
      notes: ['no commit yet: no baseline to compare against'],
      waiver: undefined,
    };
  }
  const baselines: Baseline[] = [];
  const parent = git(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^']);
  if (parent) {
    baselines.push({
      kind: 'parent',
      label: `parent commit ${parent.slice(0, 7)} (HEAD^)`,
      commit: parent,
      waivable: true,
    });
  } else if (git(repo, ['rev-parse', '--is-shallow-repository']) === 'true') {
    notes.push('no parent commit: shallow clone (fetch with depth >= 2 to check against HEAD^)');
  } else {
    notes.push('no parent commit: HEAD is the first commit');
  }
  const tag = git(repo, ['describe', '--tags', '--abbrev=0', '--match', 'v*', 'HEAD']);
  const tagged = tag ? git(repo, ['rev-list', '-n', '1', tag]) : undefined;
  if (tag && tagged) {
    baselines.push({
      kind: 'release',
      label: `release tag ${tag} (${tagged.slice(0, 7)})`,
      commit: tagged,
      waivable: false,
    });
  } else {
    notes.push('no release tag matching v* reachable from HEAD');
  }
  return { baselines, notes, waiver: breakingWaiver(repo) };
}

/** Writes `<commit>:contracts` under `dest/contracts`; false when that commit has no contracts. */
export function extractContracts(repo: string, commit: string, dest: string): boolean {
  if (git(repo, ['cat-file', '-e', `${commit}:contracts`]) === undefined) return false;
  const archive = spawnSync('git', ['-C', repo, 'archive', '--format=tar', commit, 'contracts'], {
    maxBuffer: 256 * 1024 * 1024,
  });
  if (archive.status !== 0)
    throw new Error(`git archive ${commit} contracts failed: ${archive.stderr.toString()}`);
  mkdirSync(dest, { recursive: true });
  const untar = spawnSync('tar', ['-x', '-C', dest], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar -x into ${dest} failed: ${untar.stderr.toString()}`);
  return true;
}
