import { Logger } from '@nestjs/common';
import { bearer, createTestApp, type TestApp } from '../support/test-app';
import { hasRedisServer, TestRedisServer } from '../support/redis-server';
import { freePort } from '../support/spawn-app';

const LIMIT = 4; // RATE_LIMIT_PER_MIN for this file

/**
 * SPEC §8: when Redis is unreachable, rate limits fall back to each instance's memory (logged,
 * counted in /metrics), never a 5xx; /health/ready stays 200 and names the degraded dependency.
 * A private redis-server is killed mid-run and restarted.
 */
(hasRedisServer ? describe : describe.skip)('rate limits when Redis goes away and comes back (SPEC §8)', () => {
  let redis: TestRedisServer;
  let a: TestApp;
  let b: TestApp;
  let warn: jest.SpyInstance;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    const config = { rateLimitPerMin: LIMIT, rateLimitAuthFailuresPerMin: 1_000, redisUrl: redis.url };
    a = await createTestApp({ config });
    b = await createTestApp({ config });
    warn = jest.spyOn(Logger.prototype, 'warn');
    consoleError = jest.spyOn(console, 'error');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
    jest.restoreAllMocks();
  });

  const newKey = async () => bearer((await a.http.post('/v1/api-keys').set(a.admin).send({})).body.apiKey);
  const me = (t: TestApp, key: { Authorization: string }) => t.http.get('/v1/me').set(key);
  const redisState = async (t: TestApp) => {
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    return ready.body.checks.redis as string;
  };
  const storeErrors = async (t: TestApp) => Number(/^rate_limit_store_errors_total (\d+)/m.exec((await t.http.get('/metrics')).text)?.[1]);

  it('shares one key’s limit across instances while Redis is up', async () => {
    const keys = [await newKey(), await newKey()];
    for (const key of keys) {
      for (const t of [a, b, a, b]) expect((await me(t, key)).status).toBe(200);
      expect((await me(b, key)).status).toBe(429);
      expect((await me(a, key)).status).toBe(429);
    }
    expect(await redisState(a)).toBe('up');
    expect(await storeErrors(a)).toBe(0);
  });

  it('falls back to each instance’s memory when Redis dies: only 2xx and 429, counted, warned once, still ready', async () => {
    const key = await newKey();
    await redis.kill();
    const statuses: number[] = [];
    // Per instance: LIMIT allowed, then 429, from its own memory.
    for (const t of [a, b]) {
      for (let i = 0; i < LIMIT + 3; i++) statuses.push((await me(t, key)).status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429, 429, ...Array(LIMIT).fill(200), 429, 429, 429]);
    // Open registration, an unknown key and a missing key: limited in memory too, never a 5xx.
    const others = [
      (await a.http.post('/v1/buyers').send({ companyName: 'Outage Imports', country: 'GB' })).status,
      (await me(a, bearer('blm_unknown_during_outage'))).status,
      (await a.http.get('/v1/me')).status,
    ];
    expect(others).toEqual([201, 401, 401]);

    for (const t of [a, b]) expect(await redisState(t)).toBe('down');
    expect(await storeErrors(a)).toBeGreaterThanOrEqual(LIMIT + 3);
    expect(await storeErrors(b)).toBeGreaterThanOrEqual(LIMIT + 3);
    const fallbacks = warn.mock.calls.filter(([message]) => String(message).includes('rate limits fall back'));
    expect(fallbacks).toHaveLength(2); // once per instance, not once per request
    expect(consoleError.mock.calls.filter(([message]) => String(message).includes('[ioredis]'))).toEqual([]);
  });

  it('shares the limits again once Redis is back', async () => {
    await redis.resume();
    const deadline = Date.now() + 15_000;
    while ((await redisState(a)) !== 'up' || (await redisState(b)) !== 'up') {
      if (Date.now() > deadline) throw new Error('the instances did not reconnect to Redis within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const key = await newKey();
    for (const t of [a, b, a, b]) expect((await me(t, key)).status).toBe(200);
    expect((await me(b, key)).status).toBe(429);
    expect((await me(a, key)).status).toBe(429);
  }, 30_000);
});

describe('rate limits with a REDIS_URL that never answers (SPEC §8)', () => {
  it('starts, serves from memory with 2xx and 429, and reports redis down while staying ready', async () => {
    const t = await createTestApp({ config: { rateLimitPerMin: LIMIT, redisUrl: `redis://127.0.0.1:${await freePort()}` } });
    try {
      const key = bearer((await t.http.post('/v1/api-keys').set(t.admin).send({})).body.apiKey);
      const statuses = [];
      for (let i = 0; i < LIMIT + 1; i++) statuses.push((await t.http.get('/v1/me').set(key)).status);
      expect(statuses).toEqual([...Array(LIMIT).fill(200), 429]);
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'down' } });
    } finally {
      await t.close();
    }
  });
});
