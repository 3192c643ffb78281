import { randomUUID } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import { CurrentPrincipal, Roles } from '../../src/common/auth/decorators';
import { hashSecret, secretPrefix } from '../../src/common/auth/api-key-secret';
import { ShortKeyPrefixes1795834000000 } from '../../migrations/1795834000000-ShortKeyPrefixes';
import type { Principal } from '../../src/common/auth/principal';
import { bearer, createTestApp, type TestApp } from '../support/test-app';

@Controller('whoami')
class WhoAmIController {
  @Get()
  whoami(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('admin-only')
  @Roles('admin')
  adminOnly() {
    return { ok: true };
  }
}

@Module({ controllers: [WhoAmIController] })
class WhoAmIModule {}

/** Inserts a party key directly: the buyers and providers modules issue them through registration. */
async function partyKey(t: TestApp, role: 'buyer' | 'provider', subjectId = randomUUID()) {
  const secret = `blm_test_${role}_${randomUUID()}`;
  const [row] = await t.dataSource.query(`INSERT INTO api_keys (prefix, hash, role, subject_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
    secretPrefix(secret),
    hashSecret(secret),
    role,
    subjectId,
  ]);
  return { id: row.id as string, secret, subjectId };
}

describe('API keys and roles (SPEC §2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ extraModules: [WhoAmIModule] });
  });
  afterAll(() => t.close());

  it.each([
    ['no header', {}],
    ['an unknown key', bearer('blm_not_a_real_key')],
    ['a malformed header', { Authorization: 'Basic abc' }],
  ])('answers %s with 401', async (_label, headers) => {
    const res = await t.http.get('/v1/whoami').set(headers);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('resolves the bootstrap admin key (ADMIN_API_KEY)', async () => {
    const res = await t.http.get('/v1/whoami').set(t.admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'admin', subjectId: null });
  });

  it('answers a wrong role with 403', async () => {
    const buyer = await partyKey(t, 'buyer');
    const res = await t.http.get('/v1/whoami/admin-only').set(bearer(buyer.secret));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect((await t.http.get('/v1/whoami/admin-only').set(t.admin)).status).toBe(200);
  });

  it('issues an admin key that works at once, shows the secret once and stores only a hash', async () => {
    const res = await t.http.post('/v1/api-keys').set(t.admin).send({ label: 'ops' });
    expect(res.status).toBe(201);
    expect(res.body.apiKey).toMatch(/^blm_/);
    expect(res.body.key).toMatchObject({ role: 'admin', subjectId: null, label: 'ops', prefix: res.body.apiKey.slice(0, 8) });
    expect(res.body.key.prefix).toHaveLength(8);
    expect(res.body.key).not.toHaveProperty('hash');
    const [stored] = await t.dataSource.query('SELECT hash FROM api_keys WHERE id = $1', [res.body.key.id]);
    expect(stored.hash).toBe(hashSecret(res.body.apiKey));
    expect((await t.http.get('/v1/whoami').set(bearer(res.body.apiKey))).status).toBe(200);
  });

  it('cuts the 12-character prefixes stored before to 6 characters (migration)', async () => {
    const old = await partyKey(t, 'buyer');
    await t.dataSource.query('UPDATE api_keys SET prefix = $1 WHERE id = $2', [old.secret.slice(0, 12), old.id]);
    // Rolled back, so the other tests' keys keep their prefixes.
    const runner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await new ShortKeyPrefixes1795834000000().up(runner);
      const [row] = await runner.query('SELECT prefix FROM api_keys WHERE id = $1', [old.id]);
      expect(row.prefix).toBe(old.secret.slice(0, 6));
      const [{ longest }] = await runner.query('SELECT max(length(prefix)) AS longest FROM api_keys');
      expect(Number(longest)).toBe(6);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('revokes a key with immediate effect on this instance, even after it was cached', async () => {
    const created = await t.http.post('/v1/api-keys').set(t.admin).send({});
    const key = bearer(created.body.apiKey);
    expect((await t.http.get('/v1/whoami').set(key)).status).toBe(200); // now cached
    expect((await t.http.delete(`/v1/api-keys/${created.body.key.id}`).set(t.admin)).status).toBe(204);
    expect((await t.http.get('/v1/whoami').set(key)).status).toBe(401);
    expect((await t.http.delete(`/v1/api-keys/${created.body.key.id}`).set(t.admin)).status).toBe(404);
  });

  it('lets a party issue and revoke its own extra keys only', async () => {
    const buyer = await partyKey(t, 'buyer');
    const other = await partyKey(t, 'buyer');
    const extra = await t.http.post('/v1/api-keys').set(bearer(buyer.secret)).send({ label: 'erp' });
    expect(extra.status).toBe(201);
    expect(extra.body.key).toMatchObject({ role: 'buyer', subjectId: buyer.subjectId });

    expect((await t.http.post('/v1/api-keys').set(bearer(buyer.secret)).send({ role: 'admin' })).status).toBe(403);
    expect((await t.http.post('/v1/api-keys').set(bearer(buyer.secret)).send({ subjectId: other.subjectId })).status).toBe(403);
    // Another party's key is "not found", exactly as if it did not exist.
    expect((await t.http.delete(`/v1/api-keys/${other.id}`).set(bearer(buyer.secret))).status).toBe(404);
    expect((await t.http.get('/v1/whoami').set(bearer(other.secret))).status).toBe(200);
    expect((await t.http.delete(`/v1/api-keys/${extra.body.key.id}`).set(bearer(buyer.secret))).status).toBe(204);
  });

  it('refuses an admin key bound to a subject and a party key without one', async () => {
    expect((await t.http.post('/v1/api-keys').set(t.admin).send({ role: 'admin', subjectId: randomUUID() })).status).toBe(400);
    expect((await t.http.post('/v1/api-keys').set(t.admin).send({ role: 'buyer' })).status).toBe(400);
  });

  it('refuses a role or id that is not one', async () => {
    expect((await t.http.post('/v1/api-keys').set(t.admin).send({ role: 'root' })).status).toBe(400);
    expect((await t.http.delete('/v1/api-keys/not-a-uuid').set(t.admin)).status).toBe(400);
  });
});

describe('rate limits (SPEC §8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ extraModules: [WhoAmIModule], config: { rateLimitPerMin: 3 } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past RATE_LIMIT_PER_MIN, per API key', async () => {
    const key = bearer((await t.http.post('/v1/api-keys').set(t.admin).send({})).body.apiKey);
    for (let i = 0; i < 3; i++) expect((await t.http.get('/v1/whoami').set(key)).status).toBe(200);
    const limited = await t.http.get('/v1/whoami').set(key);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another key has its own budget; health is never limited.
    const other = bearer((await t.http.post('/v1/api-keys').set(t.admin).send({})).body.apiKey);
    expect((await t.http.get('/v1/whoami').set(other)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await t.http.get('/health/live')).status).toBe(200);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
(redisUrl ? describe : describe.skip)('rate limits shared through Redis (REDIS_URL)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const config = { rateLimitPerMin: 4, redisUrl: redisUrl! };
    a = await createTestApp({ extraModules: [WhoAmIModule], config });
    b = await createTestApp({ extraModules: [WhoAmIModule], config });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('counts one key’s requests across instances', async () => {
    const key = bearer((await a.http.post('/v1/api-keys').set(a.admin).send({})).body.apiKey);
    // The issuing request counted for the admin key, not this one: 4 allowed in all, 2 per instance.
    for (const t of [a, b, a, b]) expect((await t.http.get('/v1/whoami').set(key)).status).toBe(200);
    expect((await b.http.get('/v1/whoami').set(key)).status).toBe(429);
    expect((await a.http.get('/v1/whoami').set(key)).status).toBe(429);
  });
});
