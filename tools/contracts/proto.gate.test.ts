import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bufBreaking } from './proto.gate';

const BUF_YAML = 'version: v2\nmodules:\n  - path: .\nbreaking:\n  use:\n    - FILE\n';

function protoModule(root: string, name: string, fields: string[]): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'shop', 'v1'), { recursive: true });
  writeFileSync(path.join(dir, 'buf.yaml'), BUF_YAML);
  const body = fields.map((field, index) => `  ${field} = ${index + 1};`).join('\n');
  writeFileSync(
    path.join(dir, 'shop', 'v1', 'shop.proto'),
    `syntax = "proto3";\npackage shop.v1;\nmessage Order {\n${body}\n}\n`,
  );
  return dir;
}

describe('proto breaking-change gate (buf breaking, FILE rules)', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(os.tmpdir(), 'bazaar-proto-gate-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('a removed field is a breaking change', async () => {
    const baseline = protoModule(root, 'baseline', ['string order_id', 'int64 total']);
    const current = protoModule(root, 'current', ['string order_id']);
    const result = await bufBreaking(current, baseline, root);
    expect(result.ok).toBe(false);
    expect(result.findings.join('\n')).toMatch(
      /Previously present field "2" with name "total" on message "Order" was deleted/,
    );
  });

  test('an added field is not a breaking change', async () => {
    const baseline = protoModule(root, 'baseline', ['string order_id']);
    const current = protoModule(root, 'current', ['string order_id', 'int64 total']);
    expect(await bufBreaking(current, baseline, root)).toEqual({ ok: true, findings: [] });
  });

  test('a baseline without .proto files makes every proto new', async () => {
    const current = protoModule(root, 'current', ['string order_id']);
    mkdirSync(path.join(root, 'empty'));
    expect(await bufBreaking(current, path.join(root, 'empty'), root)).toEqual({
      ok: true,
      findings: [],
      note: 'baseline has no .proto files: all new',
    });
  });
});
