import { deckValidateArgs, parseDeckVersion } from './kong-consistency.deck';

describe('decK version handling', () => {
  it('reads Debian decK 1.4 and current decK version lines', () => {
    expect(parseDeckVersion('decK 1.4.0 (unknown) \n')).toEqual({
      major: 1,
      minor: 4,
      text: 'decK 1.4.0',
    });
    expect(parseDeckVersion('decK v1.65.1 (4657ee37)')).toMatchObject({ major: 1, minor: 65 });
  });

  it('uses `validate -s` on decK 1.x before 1.28 and `file validate` after', () => {
    expect(deckValidateArgs({ major: 1, minor: 4, text: '' }, 'k.yml')).toEqual([
      'validate',
      '-s',
      'k.yml',
    ]);
    expect(deckValidateArgs({ major: 1, minor: 65, text: '' }, 'k.yml')).toEqual([
      'file',
      'validate',
      'k.yml',
    ]);
  });
});
