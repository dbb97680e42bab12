import { ContractProblem, problem } from '@bazaar/generated/http/runtime/server-runtime';
import { toContractProblem } from './problem-mapping';

describe('toContractProblem', () => {
  it('passes a ContractProblem through unchanged', () => {
    const original = new ContractProblem(
      problem(409, 'ORDERS_ERR_ALREADY_PAID', 'Order already paid'),
    );
    expect(toContractProblem(original)).toBe(original);
  });

  it('maps a body-parser JSON syntax error to a 400 naming the body', () => {
    const err = Object.assign(new SyntaxError('Unexpected token } in JSON at position 9'), {
      status: 400,
      type: 'entity.parse.failed',
      expose: true,
    });
    expect(toContractProblem(err).problem).toEqual({
      type: 'https://docs.bazaar.dev/problems/validation-failed',
      title: 'Request validation failed',
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'request body is not valid JSON: Unexpected token } in JSON at position 9',
      errors: [{ field: 'body', message: 'is not valid JSON' }],
    });
  });

  it('maps a body-parser size error to a 413 stating the limit', () => {
    const err = Object.assign(new Error('request entity too large'), {
      status: 413,
      type: 'entity.too.large',
      limit: 1024,
    });
    expect(toContractProblem(err).problem).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'request body exceeds the limit of 1024 bytes',
    });
  });

  it('maps an unsupported charset to 415', () => {
    const err = Object.assign(new Error('unsupported charset "LATIN-9"'), {
      status: 415,
      type: 'charset.unsupported',
    });
    expect(toContractProblem(err).problem).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });

  it('maps a raw validator error to a 400 listing each field', () => {
    const err = {
      status: 400,
      message: 'request/body/quantity must be >= 1',
      errors: [
        { path: '/body/quantity', message: 'must be >= 1' },
        { path: '/query/page', message: 'must be integer' },
      ],
    };
    expect(toContractProblem(err).problem).toMatchObject({
      status: 400,
      detail: 'body.quantity must be >= 1; query.page must be integer',
      errors: [
        { field: 'body.quantity', message: 'must be >= 1' },
        { field: 'query.page', message: 'must be integer' },
      ],
    });
  });

  it('keeps the headers an HTTP error carries, such as Allow on a 405', () => {
    const err = { status: 405, message: 'POST method not allowed', headers: { Allow: 'GET' } };
    const mapped = toContractProblem(err);
    expect(mapped.problem.code).toBe('METHOD_NOT_ALLOWED');
    expect(mapped.headers).toEqual({ Allow: 'GET' });
  });

  it('does not show the message of a client error marked not to expose', () => {
    const err = { status: 400, message: 'internal parser state 0x3f', expose: false };
    expect(toContractProblem(err).problem.detail).toBeUndefined();
  });

  it('turns any other error into a 500 that keeps the error only as its cause', () => {
    const err = new Error('connection to 10.0.0.5:5432 refused');
    const mapped = toContractProblem(err);
    expect(mapped.problem).toEqual({
      type: 'https://docs.bazaar.dev/problems/internal',
      title: 'Internal server error',
      status: 500,
      code: 'INTERNAL',
    });
    expect(mapped.cause).toBe(err);
  });

  it('treats an error claiming a 5xx status as internal too', () => {
    expect(toContractProblem({ status: 502, message: 'upstream said no' }).problem.code).toBe(
      'INTERNAL',
    );
  });

  it('accepts a problem-shaped error from another copy of the runtime', () => {
    const foreign = {
      problem: problem(422, 'ORDERS_ERR_KEY_REUSED', 'Idempotency key reused'),
      headers: { 'Retry-After': '1' },
    };
    const mapped = toContractProblem(foreign);
    expect(mapped.problem.code).toBe('ORDERS_ERR_KEY_REUSED');
    expect(mapped.headers).toEqual({ 'Retry-After': '1' });
  });
});
