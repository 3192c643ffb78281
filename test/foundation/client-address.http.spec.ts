import { bearer, createTestApp, type TestApp } from '../support/test-app';
import type { AppConfig } from '../../src/config/config';

const REGISTRATIONS_PER_MIN = 20; // SPEC §8 default

/** Registers buyers from this test's client, optionally claiming another address in X-Forwarded-For. */
async function register(t: TestApp, forwardedFor?: string) {
  const req = t.http.post('/v1/buyers');
  if (forwardedFor) void req.set('X-Forwarded-For', forwardedFor);
  return req.send({ companyName: 'Address Test Imports', country: 'GB' });
}

async function fillRegistrationBudget(t: TestApp, forwardedFor?: string) {
  for (let i = 0; i < REGISTRATIONS_PER_MIN; i++) expect((await register(t, forwardedFor)).status).toBe(201);
  const limited = await register(t, forwardedFor);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
}

const withApp = (config: Partial<AppConfig>, body: (t: TestApp) => Promise<void>) => async () => {
  const t = await createTestApp({ config: { rateLimitRegistrationPerMin: REGISTRATIONS_PER_MIN, ...config } });
  try {
    await body(t);
  } finally {
    await t.close();
  }
};

describe('the client address and TRUST_PROXY (SPEC §8)', () => {
  it(
    'ignores X-Forwarded-For when TRUST_PROXY is unset: 20 registrations per minute, then 429 whatever the header says',
    withApp({ trustProxy: false }, async (t) => {
      await fillRegistrationBudget(t);
      for (let n = 1; n <= 5; n++) expect((await register(t, `203.0.113.${n}`)).status).toBe(429);
    }),
  );

  it.each([
    ['TRUST_PROXY=1', 1],
    ['TRUST_PROXY=127.0.0.1', ['127.0.0.1']],
  ] as const)('believes X-Forwarded-For from the trusted proxy with %s: each client address has its own 20', (_case, trustProxy) =>
    withApp({ trustProxy: typeof trustProxy === 'number' ? trustProxy : [...trustProxy] }, async (t) => {
      await fillRegistrationBudget(t, '203.0.113.1');
      expect((await register(t, '203.0.113.2')).status).toBe(201);
      expect((await register(t, '203.0.113.1')).status).toBe(429);
    })(),
  );

  it(
    'does not believe X-Forwarded-For from a peer that is not a trusted proxy',
    withApp({ trustProxy: ['10.0.0.0/8'] }, async (t) => {
      await fillRegistrationBudget(t, '203.0.113.1');
      expect((await register(t, '203.0.113.2')).status).toBe(429);
    }),
  );
});

describe('failed authentications are limited per client address (RATE_LIMIT_AUTH_FAILURES_PER_MIN)', () => {
  it(
    'answers 401 five times, then 429 with Retry-After, even for new keys; a cached good key still works; another address is not affected',
    withApp({ rateLimitAuthFailuresPerMin: 5, trustProxy: 1 }, async (t) => {
      const good = bearer((await t.http.post('/v1/api-keys').set(t.admin).send({})).body.apiKey);
      expect((await t.http.get('/v1/me').set(good).set('X-Forwarded-For', '198.51.100.7')).status).toBe(200);
      const guess = (n: number, from = '198.51.100.7') =>
        t.http
          .get('/v1/me')
          .set(bearer(`blm_guess_${n}`))
          .set('X-Forwarded-For', from);
      for (let n = 1; n <= 5; n++) expect((await guess(n)).status).toBe(401);
      const limited = await guess(6);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(59);
      expect((await t.http.get('/v1/me').set('X-Forwarded-For', '198.51.100.7')).status).toBe(429); // no key at all
      expect((await t.http.get('/v1/me').set(good).set('X-Forwarded-For', '198.51.100.7')).status).toBe(200);
      expect((await guess(7, '198.51.100.8')).status).toBe(401);
    }),
  );
});
