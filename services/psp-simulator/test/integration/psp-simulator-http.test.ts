/**
 * The simulator's HTTP API on a real port (in this process, port 0): test tokens, idempotent
 * charges and refunds, request validation naming fields, injected faults and "never answers"
 * requests that end when the client gives up. Every answer is also checked against openapi.yaml.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@bazaar/platform/testing/index';
import { pspConfig } from '../../src/config';
import { startPspSimulator, type StartedPspSimulator } from '../../src/start-psp-simulator';

jest.setTimeout(20_000);

let psp: StartedPspSimulator;

beforeAll(async () => {
  psp = await startPspSimulator(
    pspConfig.load({
      PSP_HTTP_PORT: '0',
      PSP_LATENCY_MS: '0',
      PSP_LATENCY_JITTER_MS: '0',
      PSP_HANG_MS: '10000',
    }),
    { validateResponses: true },
  );
});
afterAll(() => psp.close());
beforeEach(() => psp.simulator.reset());

async function post(path: string, body: unknown, signal?: AbortSignal) {
  const response = await fetch(`${psp.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

function charge(token: string, idempotencyKey = randomUUID(), amount = 2598) {
  return post('/v1/charges', { amount, currency: 'USD', token, idempotencyKey });
}

describe('charges', () => {
  it('approves tok_visa with 201 and a charge id', async () => {
    const answer = await charge('tok_visa');
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'approved', amount: 2598, declineCode: null });
    expect(answer.body?.['id']).toMatch(/^ch_/);
  });

  it('declines tok_chargeDeclined with 402 card_declined', async () => {
    const answer = await charge('tok_chargeDeclined');
    expect(answer.status).toBe(402);
    expect(answer.body).toMatchObject({ status: 'declined', declineCode: 'card_declined' });
  });

  it('declines an unknown token with 402 invalid_token', async () => {
    const answer = await charge('tok_amex');
    expect(answer.status).toBe(402);
    expect(answer.body).toMatchObject({ declineCode: 'invalid_token' });
  });

  it('returns the same charge for a repeated idempotency key and counts both requests', async () => {
    const key = randomUUID();
    const first = await charge('tok_visa', key);
    const second = await charge('tok_visa', key);
    expect(second.body?.['id']).toBe(first.body?.['id']);
    expect(psp.simulator.stats()).toMatchObject({ chargeRequests: 2, charges: 1 });
  });

  it('refuses a repeated idempotency key with another amount (422 idempotency_error)', async () => {
    const key = randomUUID();
    await charge('tok_visa', key, 100);
    const answer = await charge('tok_visa', key, 200);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: { type: 'idempotency_error' } });
  });

  it('rejects a request that breaks its document with 400 naming each field', async () => {
    const answer = await post('/v1/charges', { amount: 0, currency: 'usd', token: 'tok_visa' });
    expect(answer.status).toBe(400);
    const fields = (answer.body?.['error'] as { fields: { field: string }[] }).fields.map(
      (f) => f.field,
    );
    expect(fields).toEqual(
      expect.arrayContaining(['body.amount', 'body.currency', 'body.idempotencyKey']),
    );
  });
});

describe('refunds', () => {
  it('refunds part of an approved charge and shows it on the charge', async () => {
    const approved = await charge('tok_visa');
    const chargeId = approved.body?.['id'] as string;
    const refund = await post('/v1/refunds', {
      chargeId,
      amount: 1000,
      idempotencyKey: randomUUID(),
    });
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({
      chargeId,
      amount: 1000,
      currency: 'USD',
      status: 'succeeded',
    });
    const read = await fetch(`${psp.url}/v1/charges/${chargeId}`);
    expect(await read.json()).toMatchObject({ amountRefunded: 1000 });
  });

  it('refuses to refund more than what is left with 422', async () => {
    const chargeId = (await charge('tok_visa')).body?.['id'] as string;
    const refund = await post('/v1/refunds', {
      chargeId,
      amount: 2599,
      idempotencyKey: randomUUID(),
    });
    expect(refund.status).toBe(422);
    expect(refund.body).toMatchObject({ error: { type: 'refund_error' } });
  });

  it('answers 404 for a refund of an unknown charge', async () => {
    const refund = await post('/v1/refunds', {
      chargeId: 'ch_0000',
      amount: 1,
      idempotencyKey: randomUUID(),
    });
    expect(refund.status).toBe(404);
  });
});

describe('faults', () => {
  it('answers the queued 5xx for the next calls, records nothing, then recovers', async () => {
    psp.simulator.faults.inject({ kind: 'error', count: 2, operation: 'charge', status: 502 });
    expect((await charge('tok_visa')).status).toBe(502);
    expect((await charge('tok_visa')).status).toBe(502);
    expect((await charge('tok_visa')).status).toBe(201);
    expect(psp.simulator.stats()).toMatchObject({ chargeRequests: 3, charges: 1 });
  });

  it('takes faults through its control API too', async () => {
    const queued = await post('/_simulator/faults', { kind: 'error', count: 1 });
    expect(queued.status).toBe(204);
    expect((await charge('tok_visa')).status).toBe(503);
    const stats = await (await fetch(`${psp.url}/_simulator/stats`)).json();
    expect(stats).toEqual({
      chargeRequests: 1,
      refundRequests: 0,
      charges: 0,
      refunds: 0,
      abandonedRequests: 0,
    });
  });

  it('rejects a fault of an unknown kind with 400 naming the field', async () => {
    const answer = await post('/_simulator/faults', { kind: 'explode', count: 1 });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('body.kind');
  });

  it('holds tok_timeout without answering until the client gives up', async () => {
    const controller = new AbortController();
    const aborted = post(
      '/v1/charges',
      { amount: 1, currency: 'USD', token: 'tok_timeout', idempotencyKey: randomUUID() },
      controller.signal,
    ).catch((error: unknown) => (error as Error).name);
    await waitFor(() => psp.simulator.stats().chargeRequests === 1);
    controller.abort();
    expect(await aborted).toBe('AbortError');
    await waitFor(() => psp.simulator.stats().abandonedRequests === 1);
    expect(psp.simulator.stats().charges).toBe(0);
  });

  it('records the charge of a lost-response fault, so a retry with the same key returns it', async () => {
    psp.simulator.faults.inject({
      kind: 'lost-response',
      count: 1,
      operation: 'charge',
      status: 503,
    });
    const key = randomUUID();
    const controller = new AbortController();
    const lost = post(
      '/v1/charges',
      { amount: 700, currency: 'USD', token: 'tok_visa', idempotencyKey: key },
      controller.signal,
    ).catch(() => 'no answer');
    await waitFor(() => psp.simulator.stats().charges === 1);
    controller.abort();
    expect(await lost).toBe('no answer');
    const retried = await post('/v1/charges', {
      amount: 700,
      currency: 'USD',
      token: 'tok_visa',
      idempotencyKey: key,
    });
    expect(retried.status).toBe(201);
    expect(psp.simulator.stats()).toMatchObject({ chargeRequests: 2, charges: 1 });
  });
});
