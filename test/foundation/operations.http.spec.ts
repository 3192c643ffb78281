import { createTestApp, type TestApp } from '../support/test-app';

const FIVE_MINUTES = 5 * 60_000;

describe('operations (SPEC §8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is live and ready (database reachable, migrations applied)', async () => {
    expect((await t.http.get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up' } });
  });

  it('serves Prometheus metrics with request counts by route and status', async () => {
    await t.http.get('/health/live');
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('serves Swagger UI and the OpenAPI document', async () => {
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const doc = await t.http.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('answers an unknown sweep with 404 and a bad asOf with 400', async () => {
    const unknown = await t.http.post('/v1/admin/sweeps/no-such-sweep').set(t.admin).send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    const badAsOf = await t.http.post('/v1/admin/sweeps/tier-expiry').set(t.admin).send({ asOf: 'yesterday' });
    expect(badAsOf.status).toBe(400);
  });

  // The sweeps that pass run in 2020, when nothing of the other test files is due: a sweep in their
  // dates would change their data under them (the test database is shared).
  it('refuses an asOf more than 5 minutes ahead of the clock with 400 as_of_in_future, and changes nothing', async () => {
    t.clock.set('2020-01-01T00:00:00Z');
    const at = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
    const tooFar = await t.http
      .post('/v1/admin/sweeps/tier-expiry')
      .set(t.admin)
      .send({ asOf: at(FIVE_MINUTES + 1) });
    expect(tooFar.status).toBe(400);
    expect(tooFar.body).toMatchObject({ code: 'as_of_in_future', errors: [{ field: 'asOf' }] });
    const farFuture = await t.http.post('/v1/admin/sweeps/pickup-obligation').set(t.admin).send({ asOf: '9999-12-31T23:59:59Z' });
    expect(farFuture.body.code).toBe('as_of_in_future');
    const exactly = await t.http
      .post('/v1/admin/sweeps/pickup-obligation')
      .set(t.admin)
      .send({ asOf: at(FIVE_MINUTES) });
    expect(exactly.status).toBe(200);
    expect(exactly.body).toMatchObject({ sweep: 'pickup-obligation', asOf: at(FIVE_MINUTES) });
  });

  it('lets a future asOf through with SWEEPS_ALLOW_FUTURE_AS_OF=true', async () => {
    const staging = await createTestApp({ config: { sweepsAllowFutureAsOf: true } });
    try {
      staging.clock.set('2020-01-01T00:00:00Z');
      const asOf = '2020-01-02T00:00:00.000Z';
      const res = await staging.http.post('/v1/admin/sweeps/pickup-obligation').set(staging.admin).send({ asOf });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ sweep: 'pickup-obligation', asOf, changed: 0 });
    } finally {
      await staging.close();
    }
  });

  it('answers CORS preflights with every method and header of SPEC §1 and exposes the three headers', async () => {
    const res = await t.http
      .options('/v1/lanes/00000000-0000-4000-8000-000000000001')
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key,x-request-id');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods'].split(/,\s*/)).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    );
    expect(res.headers['access-control-allow-headers'].toLowerCase().split(/,\s*/)).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'x-request-id']),
    );
    const answer = await t.http.get('/health/live').set('Origin', 'https://app.example');
    expect(answer.headers['access-control-expose-headers'].split(/,\s*/)).toEqual(['X-Request-Id', 'Retry-After', 'Idempotent-Replayed']);
  });
});
