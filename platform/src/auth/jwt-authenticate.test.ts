import { type Request } from 'express';
import { SignJWT, UnsecuredJWT, exportSPKI, generateKeyPair, type KeyLike } from 'jose';
import { ContractProblem } from '@bazaar/generated/http/runtime/server-runtime';
import { getLogContext, runWithLogContext } from '../telemetry/log-context';
import { createJwtAuthenticate } from './jwt-authenticate';

const ISSUER = 'bazaar-identity';
const NOW_SECONDS = 1_800_000_000;
const now = () => new Date(NOW_SECONDS * 1000);

let privateKey: KeyLike;
let otherPrivateKey: KeyLike;
let authenticate: Awaited<ReturnType<typeof createJwtAuthenticate>>;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  otherPrivateKey = (await generateKeyPair('RS256')).privateKey;
  authenticate = await createJwtAuthenticate({
    publicKeyPem: await exportSPKI(pair.publicKey),
    issuer: ISSUER,
    now,
  });
});

function request(authorization?: string): Request {
  return { headers: authorization === undefined ? {} : { authorization } } as Request;
}

function sign(
  claims: Record<string, unknown> = {},
  options: { key?: KeyLike; issuer?: string; exp?: number; nbf?: number } = {},
) {
  const jwt = new SignJWT({ roles: ['customer'], ...claims })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(options.issuer ?? ISSUER)
    .setIssuedAt(NOW_SECONDS - 60)
    .setExpirationTime(options.exp ?? NOW_SECONDS + 900);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  if (!('sub' in claims)) jwt.setSubject('user-1');
  return jwt.sign(options.key ?? privateKey);
}

async function rejection(authorization: string): Promise<ContractProblem> {
  const error = await authenticate(request(authorization)).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof ContractProblem))
    throw new Error(`expected a ContractProblem, got ${String(error)}`);
  return error;
}

describe('createJwtAuthenticate', () => {
  it('returns undefined when the request carries no Authorization header', async () => {
    await expect(authenticate(request())).resolves.toBeUndefined();
  });

  it('returns the caller with userId from sub, roles, token and claims for a valid token', async () => {
    const token = await sign({ roles: ['customer', 'admin'], email: 'a@example.com' });
    await expect(authenticate(request(`Bearer ${token}`))).resolves.toEqual({
      userId: 'user-1',
      roles: ['customer', 'admin'],
      token,
      claims: expect.objectContaining({ sub: 'user-1', iss: ISSUER, email: 'a@example.com' }),
    });
  });

  it('treats a token without a roles claim as having no roles', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(ISSUER)
      .setSubject('svc')
      .setExpirationTime(NOW_SECONDS + 60)
      .sign(privateKey);
    await expect(authenticate(request(`Bearer ${token}`))).resolves.toMatchObject({ roles: [] });
  });

  it('adds the caller userId to the log context of the request', async () => {
    const token = await sign();
    const userId = await runWithLogContext({ correlationId: 'c' }, async () => {
      await authenticate(request(`Bearer ${token}`));
      return getLogContext().userId;
    });
    expect(userId).toBe('user-1');
  });

  it('rejects an expired token with 401 and an invalid_token challenge', async () => {
    const problem = await rejection(`Bearer ${await sign({}, { exp: NOW_SECONDS - 60 })}`);
    expect(problem.problem).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
      detail: 'token has expired',
    });
    expect(problem.headers['WWW-Authenticate']).toBe(
      'Bearer realm="bazaar", error="invalid_token", error_description="token has expired"',
    );
  });

  it('accepts a token expired by less than the clock tolerance', async () => {
    await expect(
      authenticate(request(`Bearer ${await sign({}, { exp: NOW_SECONDS - 3 })}`)),
    ).resolves.toBeDefined();
  });

  it('rejects a token that is not valid yet', async () => {
    const problem = await rejection(`Bearer ${await sign({}, { nbf: NOW_SECONDS + 600 })}`);
    expect(problem.problem.detail).toBe('token is not valid yet (nbf)');
  });

  it('rejects a token from another issuer, naming the iss claim', async () => {
    const problem = await rejection(`Bearer ${await sign({}, { issuer: 'someone-else' })}`);
    expect(problem.problem.detail).toBe(
      'token claim "iss" is invalid: unexpected "iss" claim value',
    );
  });

  it('rejects a token signed with another key', async () => {
    const problem = await rejection(`Bearer ${await sign({}, { key: otherPrivateKey })}`);
    expect(problem.problem.detail).toBe('token signature verification failed');
  });

  it('rejects an HS256 token even if its signature would verify with some secret', async () => {
    const token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject('attacker')
      .setExpirationTime(NOW_SECONDS + 60)
      .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough!!'));
    const problem = await rejection(`Bearer ${token}`);
    expect(problem.problem.detail).toBe(
      'token algorithm is not allowed; tokens must be signed with RS256',
    );
  });

  it('rejects an unsigned (alg none) token', async () => {
    const token = new UnsecuredJWT({ roles: ['admin'] })
      .setIssuer(ISSUER)
      .setSubject('attacker')
      .encode();
    const problem = await rejection(`Bearer ${token}`);
    expect(problem.problem.status).toBe(401);
  });

  it('rejects a value that is not a JWT as malformed', async () => {
    expect((await rejection('Bearer not-a-jwt')).problem.detail).toBe('token is malformed');
  });

  it('rejects another authentication scheme', async () => {
    expect((await rejection('Basic dXNlcjpwYXNz')).problem.detail).toBe(
      'Authorization header must be "Bearer <token>"',
    );
  });

  it('rejects a token without a subject', async () => {
    const token = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(ISSUER)
      .setExpirationTime(NOW_SECONDS + 60)
      .sign(privateKey);
    expect((await rejection(`Bearer ${token}`)).problem.detail).toBe(
      'token claim "sub" is invalid: missing',
    );
  });

  it('rejects a roles claim that is not a list of strings', async () => {
    const problem = await rejection(`Bearer ${await sign({ roles: 'admin' })}`);
    expect(problem.problem.detail).toBe('token claim "roles" must be an array of strings');
  });

  it('refuses to start with a key that is not an SPKI public key', async () => {
    await expect(
      createJwtAuthenticate({ publicKeyPem: 'not a pem', issuer: ISSUER }),
    ).rejects.toThrow(/JWT public key is not an RS256 SPKI PEM/);
  });
});
