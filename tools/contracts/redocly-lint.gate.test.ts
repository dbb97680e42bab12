import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redoclyLintGate, redoclyReportLines } from './redocly-lint.gate';

const BANNER = `
    ╔════════════════════════════════════════════════════╗
    ║  Deprecation warning: Node.js 20 support is ending ║
    ╚════════════════════════════════════════════════════╝

validating openapi/a.yaml using lint rules for api 'a'...
openapi/a.yaml: validated in 12ms

Woohoo! Your API description is valid. 🎉
`;

const DOC = `openapi: 3.1.0
info: { title: A, version: 1.0.0, license: { name: MIT, identifier: MIT } }
servers: [{ url: 'http://127.0.0.1:3000' }]
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200': { description: ok }
`;

describe('Redocly lint gate', () => {
  test("the Node-20 deprecation banner and Redocly's progress lines are dropped from the report", () => {
    expect(redoclyReportLines('', BANNER)).toEqual([
      'openapi/a.yaml: validated in 12ms',
      'Woohoo! Your API description is valid. 🎉',
    ]);
  });

  test('a document that breaks a configured rule fails the gate and the report names the rule', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'bazaar-redocly-gate-'));
    try {
      mkdirSync(path.join(root, 'openapi'));
      writeFileSync(path.join(root, 'openapi', 'a.yaml'), DOC);
      writeFileSync(
        path.join(root, 'redocly.yaml'),
        'apis:\n  a: { root: openapi/a.yaml }\nrules:\n  operation-summary: error\n',
      );
      const outcome = await redoclyLintGate(root, 'redocly.yaml');
      expect(outcome.ok).toBe(false);
      expect(outcome.lines.join('\n')).toMatch(/error\s+operation-summary/);
      expect(outcome.lines.join('\n')).not.toMatch(/Deprecation warning/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
