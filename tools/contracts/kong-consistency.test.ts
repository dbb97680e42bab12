// Proves the Kong gate passes the generated kong.yml and catches hand edits (drift), entity fields
// decK rejects and a missing file; each test runs the real gate on a mutated copy in a temp dir.
import { describeDrift, kongConsistencyGate } from './kong-consistency';
import { gateOn, service, suite, useKongGateSuite } from './kong-consistency.test-support';

describe('Kong consistency gate', () => {
  useKongGateSuite();

  it('passes the kong.yml that make kong generates', async () => {
    const outcome = await gateOn(() => undefined);
    expect(outcome.lines).toEqual([]);
    expect(outcome.ok).toBe(true);
  });

  it('reports drift when kong.yml was edited by hand', async () => {
    const outcome = await gateOn((c) => (service(c, 'orders').read_timeout = 1));
    expect(outcome.ok).toBe(false);
    expect(outcome.lines[0]).toMatch(/differs from what `make kong` generates now/);
    expect(outcome.lines[1]).toContain(
      'has "    read_timeout: 1", expected "    read_timeout: 30000"',
    );
  });

  it('fails with decK’s own message on an entity field Kong does not know', async () => {
    const outcome = await gateOn((c) => (service(c, 'cart').retry = 3));
    const at = outcome.lines.findIndex((l) => l.startsWith('deck validate'));
    expect(at).toBeGreaterThan(-1);
    expect(outcome.lines.slice(at).join('\n')).toMatch(/retry/);
  });

  it('fails when kong.yml is missing', async () => {
    const outcome = await kongConsistencyGate(suite.dir, {
      kongYml: 'absent.yml',
      contracts: suite.contracts,
      expectedText: suite.expectedText,
    });
    expect(outcome.lines[0]).toMatch(/^absent.yml cannot be read: .*run make kong$/);
  });
});

describe('describeDrift', () => {
  it('names the first differing lines with both versions', () => {
    expect(describeDrift('a\nb\nc', 'a\nB\nc\nd', 'k.yml')).toEqual([
      'k.yml differs from what `make kong` generates now; run make kong',
      '  line 2: has "b", expected "B"',
      '  line 4: has "<end of file>", expected "d"',
    ]);
  });
});
