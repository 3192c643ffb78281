import { createTestApp, onPostgres, type TestApp } from '../support/test-app';
import { applyProvider, createLane, DOCS, laneBody, uploadDocument, type TestProvider } from './fixtures';

describe('lanes and documents: validation, ownership, duplicates (SPEC §4.2, §4.4)', () => {
  let t: TestApp;
  let p: TestProvider;
  let other: TestProvider;
  beforeAll(async () => {
    t = await createTestApp();
    p = await applyProvider(t);
    other = await applyProvider(t);
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>, who = p) => t.http.post(`/v1/providers/${who.id}/lanes`).set(who.key).send(body);
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  it.each([
    ['first break not at 0', { weightBreaks: [{ minKg: 1, ratePerUnitMinor: 900 }] }, 'weightBreaks[0].minKg'],
    [
      'breaks not ascending',
      {
        weightBreaks: [
          { minKg: 0, ratePerUnitMinor: 900 },
          { minKg: 0, ratePerUnitMinor: 800 },
        ],
      },
      'weightBreaks[1].minKg',
    ],
    ['no breaks', { weightBreaks: [] }, 'weightBreaks'],
    ['a rate of 0', { weightBreaks: [{ minKg: 0, ratePerUnitMinor: 0 }] }, 'weightBreaks[0].ratePerUnitMinor'],
    ['a fractional rate', { weightBreaks: [{ minKg: 0, ratePerUnitMinor: 9.5 }] }, 'weightBreaks[0].ratePerUnitMinor'],
    ['transit min > max', { transitDays: { min: 8, max: 5 } }, 'transitDays.min'],
    ['transit max 91', { transitDays: { min: 5, max: 91 } }, 'transitDays.max'],
    ['transit min 0', { transitDays: { min: 0, max: 5 } }, 'transitDays.min'],
    ['handlingDays 11', { handlingDays: 11 }, 'handlingDays'],
    ['handlingDays -1', { handlingDays: -1 }, 'handlingDays'],
    ['fuelSurchargeBps 10001', { fuelSurchargeBps: 10_001 }, 'fuelSurchargeBps'],
    ['fuelSurchargeBps -1', { fuelSurchargeBps: -1 }, 'fuelSurchargeBps'],
    ['origin UK (not ISO)', { originCountry: 'UK' }, 'originCountry'],
    ['destination lower case', { destinationCountry: 'us' }, 'destinationCountry'],
    ['origin = destination', { originCountry: 'US', destinationCountry: 'US' }, 'destinationCountry'],
    ['unknown mode', { mode: 'rail' }, 'mode'],
    ['negative min charge', { minChargeMinor: -1 }, 'minChargeMinor'],
    ['fractional min charge', { minChargeMinor: 10.5 }, 'minChargeMinor'],
    [
      'remote prefix lower case',
      { remoteArea: { postcodePrefixes: ['ab'], perKgMinor: 1, minMinor: 1 } },
      'remoteArea.postcodePrefixes[0]',
    ],
    ['max piece weight 0', { maxPieceWeightKg: 0 }, 'maxPieceWeightKg'],
    [
      'weight with 4 decimals',
      {
        weightBreaks: [
          { minKg: 0, ratePerUnitMinor: 900 },
          { minKg: 1.0005, ratePerUnitMinor: 800 },
        ],
      },
      'weightBreaks[1].minKg',
    ],
    ['unknown tier', { minBuyerTier: 'L9' }, 'minBuyerTier'],
  ])('refuses %s with 400 naming the field', async (_label, overrides, field) => {
    const res = await post(laneBody(overrides));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(fields(res)).toContain(field);
  });

  it.each([['status'], ['active'], ['providerId'], ['scorecard'], ['activePoints']])(
    'refuses a derived field %s in a lane body',
    async (field) => {
      const res = await post(laneBody({ [field]: field === 'scorecard' ? {} : 'x' }));
      expect(res.status).toBe(400);
      expect(fields(res)).toContain(field);
    },
  );

  it.each([
    ['status', 'qualified'],
    ['points', 0],
    ['scorecard', {}],
    ['lastCheck', {}],
  ])('refuses %s in an application', async (field, value) => {
    const res = await t.http.post('/v1/providers').send({ legalName: 'Sneaky', country: 'CN', [field]: value });
    expect(res.status).toBe(400);
    expect(fields(res)).toContain(field);
  });

  it('refuses a second active lane with the same origin, destination and mode (409 lane_duplicate), but not after deactivation', async () => {
    const first = await createLane(t, p, { destinationCountry: 'FR' });
    const dup = await post(laneBody({ destinationCountry: 'FR', transitDays: { min: 2, max: 3 } }));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('lane_duplicate');
    // Another mode, or another provider, is fine.
    expect((await post(laneBody({ destinationCountry: 'FR', mode: 'air' }))).status).toBe(201);
    expect((await post(laneBody({ destinationCountry: 'FR' }), other)).status).toBe(201);
    // Changing the air lane into a second express lane is the same duplicate.
    const lanes = (await t.http.get(`/v1/providers/${p.id}/lanes`).set(p.key)).body.data as {
      id: string;
      mode: string;
      destinationCountry: string;
    }[];
    const air = lanes.find((l) => l.mode === 'air' && l.destinationCountry === 'FR')!;
    const patched = await t.http.patch(`/v1/lanes/${air.id}`).set(p.key).send({ mode: 'express' });
    expect(patched.status).toBe(409);
    expect(patched.body.code).toBe('lane_duplicate');

    expect((await t.http.delete(`/v1/lanes/${first}`).set(p.key)).status).toBe(204);
    expect((await t.http.delete(`/v1/lanes/${first}`).set(p.key)).status).toBe(204);
    expect((await post(laneBody({ destinationCountry: 'FR' }))).status).toBe(201);
    const again = await t.http.patch(`/v1/lanes/${first}`).set(p.key).send({ handlingDays: 2 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('lane_inactive');
  });

  it('changes a lane with PATCH, validating the merged rate card', async () => {
    const id = await createLane(t, p, { destinationCountry: 'DE' });
    const ok = await t.http.patch(`/v1/lanes/${id}`).set(p.key).send({ handlingDays: 3, remoteArea: null });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      id,
      handlingDays: 3,
      remoteArea: null,
      transitDays: { min: 4, max: 7 },
      active: true,
      providerId: p.id,
    });
    const bad = await t.http
      .patch(`/v1/lanes/${id}`)
      .set(p.key)
      .send({ transitDays: { min: 9, max: 8 } });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toContain('transitDays.min');
  });

  it("answers 404 for another provider's lane or document, and 403 to a provider reviewing", async () => {
    const lane = await createLane(t, p, { destinationCountry: 'MX' });
    expect((await t.http.patch(`/v1/lanes/${lane}`).set(other.key).send({ handlingDays: 2 })).status).toBe(404);
    expect((await t.http.delete(`/v1/lanes/${lane}`).set(other.key)).status).toBe(404);
    expect((await t.http.get(`/v1/providers/${p.id}/lanes`).set(other.key)).status).toBe(404);
    expect((await t.http.get(`/v1/providers/${p.id}`).set(other.key)).status).toBe(404);
    expect(
      (
        await t.http
          .post(`/v1/providers/${p.id}/lanes`)
          .set(other.key)
          .send(laneBody({ destinationCountry: 'CA' }))
      ).status,
    ).toBe(404);
    expect((await t.http.get(`/v1/providers/${p.id}/documents`).set(other.key)).status).toBe(404);
    expect((await t.http.post(`/v1/providers/${p.id}/documents`).set(other.key).send(DOCS.business_license)).status).toBe(404);
    expect((await t.http.post(`/v1/providers/${p.id}/qualification-check`).set(other.key)).status).toBe(404);

    const doc = await uploadDocument(t, p, DOCS.business_license);
    const review = await t.http.post(`/v1/documents/${doc}/review`).set(p.key).send({ decision: 'verified' });
    expect(review.status).toBe(403);
    expect(review.body.code).toBe('forbidden');
    // Admin reviews once; a second review is a conflict.
    expect(
      (await t.http.post(`/v1/documents/${doc}/review`).set(t.admin).send({ decision: 'rejected', reason: 'blurred scan' })).body,
    ).toMatchObject({ status: 'rejected', reason: 'blurred scan' });
    const twice = await t.http.post(`/v1/documents/${doc}/review`).set(t.admin).send({ decision: 'verified' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('document_already_reviewed');
    expect(
      (await t.http.post(`/v1/documents/00000000-0000-4000-8000-000000000000/review`).set(t.admin).send({ decision: 'verified' })).status,
    ).toBe(404);
  });

  it.each([
    ['expiresAt before issuedAt', { ...DOCS.business_license, issuedAt: '2026-05-01', expiresAt: '2026-04-30' }, 'expiresAt'],
    ['a freight licence without modes', { ...DOCS.freight_licence, modes: undefined }, 'modes'],
    ['modes on a business licence', { ...DOCS.business_license, modes: ['air'] }, 'modes'],
    ['an impossible date', { ...DOCS.business_license, issuedAt: '2026-02-30' }, 'issuedAt'],
    ['a status', { ...DOCS.business_license, status: 'verified' }, 'status'],
  ])('refuses a document with %s (400)', async (_label, body, field) => {
    const res = await t.http.post(`/v1/providers/${p.id}/documents`).set(p.key).send(body);
    expect(res.status).toBe(400);
    expect(fields(res)).toContain(field);
  });

  it('requires the cover to verify insurance, and records it', async () => {
    const doc = await uploadDocument(t, p, { ...DOCS.liability_insurance, coverageUsd: undefined });
    const missing = await t.http.post(`/v1/documents/${doc}/review`).set(t.admin).send({ decision: 'verified' });
    expect(missing.status).toBe(400);
    expect(fields(missing)).toContain('coverageUsd');
    const ok = await t.http.post(`/v1/documents/${doc}/review`).set(t.admin).send({ decision: 'verified', coverageUsd: 500_000 });
    expect(ok.body).toMatchObject({ status: 'verified', coverageUsd: 500_000 });
  });

  onPostgres('under concurrency', () => {
    it('lets exactly one of several racing identical lane requests win', async () => {
      const racer = await applyProvider(t);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          t.http
            .post(`/v1/providers/${racer.id}/lanes`)
            .set(racer.key)
            .send(laneBody({ destinationCountry: 'GB' })),
        ),
      );
      const outcomes = results.map((r) => (r.status === 201 ? '201' : `${r.status} ${r.body.code}`)).sort();
      expect(outcomes).toEqual(['201', ...Array<string>(7).fill('409 lane_duplicate')]);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM lanes WHERE provider_id = $1 AND active`, [
        racer.id,
      ]);
      expect(count).toBe(1);
    });

    it('reviews a document once when two admins race', async () => {
      const doc = await uploadDocument(t, p, DOCS.business_license);
      const results = await Promise.all(
        [1, 2, 3].map(() => t.http.post(`/v1/documents/${doc}/review`).set(t.admin).send({ decision: 'verified' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    });
  });
});
