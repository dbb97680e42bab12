import path from 'node:path';
import { asyncApiGate } from './asyncapi.gate';

describe('AsyncAPI gate', () => {
  test('errors fail the gate; warnings are reported without failing', async () => {
    const root = '/repo';
    const seen: (string | undefined)[] = [];
    const outcome = await asyncApiGate(root, async (dir) => {
      seen.push(dir);
      return [
        {
          file: '/repo/contracts/asyncapi/orders.yaml',
          path: '/channels/x',
          message: 'no address',
          severity: 'error',
        },
        { file: 'contracts/asyncapi/cart.yaml', message: 'no description', severity: 'warning' },
      ];
    });
    expect(seen).toEqual([path.join(root, 'contracts', 'asyncapi')]);
    expect(outcome.ok).toBe(false);
    expect(outcome.summary).toBe('1 error(s), 1 warning(s)');
    expect(outcome.lines).toEqual([
      'error   contracts/asyncapi/orders.yaml /channels/x: no address',
      'warning contracts/asyncapi/cart.yaml: no description',
    ]);
    const clean = await asyncApiGate(root, async () => [
      { file: 'a.yaml', message: 'hint', severity: 'warning' },
    ]);
    expect(clean.ok).toBe(true);
  });

  test('a validator that throws fails the gate with its message', async () => {
    const outcome = await asyncApiGate('/repo', async () => {
      throw new Error('parser exploded');
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.lines).toEqual([
      'error   contracts/asyncapi: validator crashed: parser exploded',
    ]);
  });
});
