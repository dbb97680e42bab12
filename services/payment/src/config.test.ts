import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { spliceConfigTable } from '@bazaar/platform/config/index';
import { checkPaymentConfig, paymentConfig } from './config';

const README = path.resolve(__dirname, '../README.md');
const { publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

describe('payment configuration', () => {
  it('is documented in the README table exactly as declared (regenerate with spliceConfigTable)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(spliceConfigTable(readme, paymentConfig)).toBe(readme);
  });

  it('defaults to 5 attempts, a 2 s attempt timeout and a 15 s deadline', () => {
    const config = paymentConfig.load({ PAYMENT_JWT_PUBLIC_KEY: publicKey });
    expect(config).toMatchObject({
      httpPort: 3006,
      pspBaseUrl: 'http://127.0.0.1:3010',
      pspMaxAttempts: 5,
      pspAttemptTimeoutMs: 2000,
      pspDeadlineMs: 15000,
    });
    expect(checkPaymentConfig(config)).toBe(config);
  });

  it('refuses more than 5 attempts, naming the variable', () => {
    expect(() =>
      paymentConfig.load({ PAYMENT_JWT_PUBLIC_KEY: publicKey, PAYMENT_PSP_MAX_ATTEMPTS: '6' }),
    ).toThrow(/PAYMENT_PSP_MAX_ATTEMPTS/);
  });

  it('refuses a per-attempt timeout longer than the whole deadline', () => {
    const config = paymentConfig.load({
      PAYMENT_JWT_PUBLIC_KEY: publicKey,
      PAYMENT_PSP_ATTEMPT_TIMEOUT_MS: '20000',
      PAYMENT_PSP_DEADLINE_MS: '10000',
    });
    expect(() => checkPaymentConfig(config)).toThrow(/PAYMENT_PSP_ATTEMPT_TIMEOUT_MS/);
  });

  it('refuses a backoff cap below its base', () => {
    const config = paymentConfig.load({
      PAYMENT_JWT_PUBLIC_KEY: publicKey,
      PAYMENT_PSP_BACKOFF_BASE_MS: '500',
      PAYMENT_PSP_BACKOFF_MAX_MS: '100',
    });
    expect(() => checkPaymentConfig(config)).toThrow(/PAYMENT_PSP_BACKOFF_MAX_MS/);
  });
});
