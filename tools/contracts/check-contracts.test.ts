import { renderReport, selectGates } from './check-contracts';

describe('contracts-check orchestrator', () => {
  test('every gate runs unless --only names some', () => {
    expect(selectGates([])).toEqual(['lint', 'rules', 'asyncapi', 'proto', 'breaking', 'kong']);
    expect(selectGates(['--only', 'breaking,lint'])).toEqual(['lint', 'breaking']);
  });

  test('an unknown gate id is refused with the list of ids', () => {
    expect(() => selectGates(['--only', 'lint,typo'])).toThrow(
      '--only takes a comma-separated list of: lint, rules, asyncapi, proto, breaking, kong (got "lint,typo")',
    );
  });

  test('the report gives one verdict line per gate, its details, and names the failed gates last', () => {
    const report = renderReport(
      [
        { name: 'A', ok: true, summary: 'fine', lines: [], seconds: 0.25 },
        { name: 'B', ok: false, summary: '1 problem', lines: ['x.yaml: bad'], seconds: 1 },
      ],
      1.5,
    );
    expect(report).toEqual([
      '[1/2] PASS  A  (0.3 s): fine',
      '[2/2] FAIL  B  (1.0 s): 1 problem',
      '      x.yaml: bad',
      'contracts-check: 1 of 2 gates failed (B) in 1.5 s',
    ]);
  });
});
