import { createTestApp, type TestApp } from '../support/test-app';
import { applyProvider, createLane, DOCS, uploadDocument, verify } from './fixtures';

const outcomes = (check: { results: { code: string; outcome: string }[] }) => check.results.map((r) => `${r.code}:${r.outcome}`);

describe('a provider from application to listed, suspended by a lapsed licence, and back (SPEC §4.1–§4.3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const market = async (destination = 'GB') =>
    (await t.http.get(`/v1/market/providers?destination=${destination}&mode=express`).set(t.admin)).body.data.map(
      (e: { provider: { legalName: string } }) => e.provider.legalName,
    );

  it('walks the whole lifecycle', async () => {
    // Application: pending, with a working key, not listed.
    const apply = await t.http.post('/v1/providers').send({ legalName: 'Journey Freight Ltd', country: 'CN' });
    expect(apply.status).toBe(201);
    expect(apply.body.provider).toMatchObject({
      legalName: 'Journey Freight Ltd',
      country: 'CN',
      status: 'pending',
      listed: false,
      restrictedUntil: null,
      demotedUntil: null,
      lastCheck: null,
    });
    expect(apply.body.apiKey).toMatch(/^blm_/);
    const p = { id: apply.body.provider.id as string, key: { Authorization: `Bearer ${apply.body.apiKey}` } };
    expect((await t.http.get(`/v1/providers/${p.id}`).set(p.key)).body.status).toBe('pending');

    // Documents: the business licence runs out on 2026-07-15 (the clock is 2026-06-01).
    const licence = await uploadDocument(t, p, { ...DOCS.business_license, expiresAt: '2026-07-15' });
    const freight = await uploadDocument(t, p, DOCS.freight_licence);
    const insurance = await uploadDocument(t, p, { ...DOCS.liability_insurance, coverageUsd: undefined });
    const docs = await t.http.get(`/v1/providers/${p.id}/documents`).set(p.key);
    expect(docs.body.data.map((d: { status: string }) => d.status)).toEqual(['pending', 'pending', 'pending']);

    await verify(t, licence);
    await verify(t, freight);
    // Insurance review records the cover the admin confirmed.
    const reviewed = await verify(t, insurance, { coverageUsd: 150_000 });
    expect(reviewed).toMatchObject({ status: 'verified', coverageUsd: 150_000 });

    // Still pending: no lane yet, so market_coverage fails.
    let provider = (await t.http.get(`/v1/providers/${p.id}`).set(t.admin)).body;
    expect(provider.status).toBe('pending');
    expect(outcomes(provider.lastCheck)).toContain('market_coverage:fail');

    // A lane to GB: the check that follows the lane change qualifies the provider.
    await createLane(t, p, { destinationCountry: 'GB' });
    const check = await t.http.post(`/v1/providers/${p.id}/qualification-check`).set(p.key);
    expect(check.status).toBe(200);
    expect(check.body.qualified).toBe(true);
    expect(new Date(check.body.checkedAt).toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(outcomes(check.body)).toEqual([
      'business_license:pass',
      'freight_licence:pass',
      'liability_insurance:pass',
      'market_coverage:pass',
      'on_time_performance:pass',
      'violation_points:pass',
    ]);
    provider = (await t.http.get(`/v1/providers/${p.id}`).set(p.key)).body;
    expect(provider).toMatchObject({ status: 'qualified', listed: true });
    expect(await market()).toContain('Journey Freight Ltd');

    // 2026-06-20: the licence expires within 30 days — a warning, still qualified and listed.
    t.clock.set('2026-06-20T00:00:00Z');
    const warned = await t.http.post('/v1/admin/sweeps/qualification').set(t.admin).send({ asOf: '2026-06-20T00:00:00Z' });
    expect(warned.status).toBe(200);
    expect(warned.body).toMatchObject({ sweep: 'qualification', ran: true, changed: 0 });
    provider = (await t.http.get(`/v1/providers/${p.id}`).set(p.key)).body;
    expect(provider.status).toBe('qualified');
    expect(provider.lastCheck.results).toContainEqual({
      code: 'business_license',
      outcome: 'warning',
      message: 'Business licence expires on 2026-07-15, within 30 days',
    });
    expect(await market()).toContain('Journey Freight Ltd');

    // 2026-07-15: the licence has lapsed; the sweep suspends with no one asking, and it leaves the market.
    t.clock.set('2026-07-15T00:00:00Z');
    const lapsed = await t.http.post('/v1/admin/sweeps/qualification').set(t.admin).send({ asOf: '2026-07-15T00:00:00Z' });
    expect(lapsed.body.changed).toBeGreaterThanOrEqual(1);
    t.clock.set('2026-07-15T09:00:00Z');
    provider = (await t.http.get(`/v1/providers/${p.id}`).set(p.key)).body;
    expect(provider).toMatchObject({ status: 'suspended', listed: false });
    expect(provider.lastCheck.results).toContainEqual({
      code: 'business_license',
      outcome: 'fail',
      message: 'Business licence expired on 2026-07-15',
    });
    expect(await market()).not.toContain('Journey Freight Ltd');

    // A new licence, reviewed: qualified and listed again.
    const renewed = await uploadDocument(t, p, {
      ...DOCS.business_license,
      number: 'BL-2',
      issuedAt: '2026-07-10',
      expiresAt: '2029-07-10',
    });
    expect((await t.http.get(`/v1/providers/${p.id}`).set(p.key)).body.status).toBe('suspended');
    await verify(t, renewed);
    provider = (await t.http.get(`/v1/providers/${p.id}`).set(p.key)).body;
    expect(provider).toMatchObject({ status: 'qualified', listed: true });
    expect(await market()).toContain('Journey Freight Ltd');
  });

  it('keeps a never-qualified provider pending when a check fails', async () => {
    const p = await applyProvider(t);
    const check = await t.http.post(`/v1/providers/${p.id}/qualification-check`).set(t.admin);
    expect(check.body.qualified).toBe(false);
    expect((await t.http.get(`/v1/providers/${p.id}`).set(t.admin)).body.status).toBe('pending');
  });

  it('refuses insurance below USD 100,000 and reports the cover', async () => {
    const p = await applyProvider(t);
    for (const doc of [DOCS.business_license, DOCS.freight_licence]) await verify(t, await uploadDocument(t, p, doc));
    await verify(t, await uploadDocument(t, p, { ...DOCS.liability_insurance, coverageUsd: 99_999 }));
    await createLane(t, p);
    const provider = (await t.http.get(`/v1/providers/${p.id}`).set(t.admin)).body;
    expect(provider.status).toBe('pending');
    expect(provider.lastCheck.results).toContainEqual({
      code: 'liability_insurance',
      outcome: 'fail',
      message: 'Liability insurance covers USD 99,999, below the required USD 100,000',
    });
  });
});
