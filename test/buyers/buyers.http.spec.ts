import { randomUUID } from 'node:crypto';
import { createTestApp, onPostgres, type TestApp } from '../support/test-app';
import { registerBuyer, registration, submitEvidence, tierOf, verified, type TestBuyer } from './buyers.fixtures';

describe('buyers: access, bad input, review once, list (SPEC §2, §3.1, §9)', () => {
  let t: TestApp;
  let alice: TestBuyer;
  let bob: TestBuyer;
  beforeAll(async () => {
    t = await createTestApp();
    alice = await registerBuyer(t, { companyName: 'Alice Trading', country: 'US', contactEmail: 'ops@alice.example' });
    bob = await registerBuyer(t, { companyName: 'Bob Sourcing', country: 'FR' });
  });
  afterAll(() => t.close());

  // Counted per buyer: other files write buyers and evidence meanwhile.
  const evidenceOf = async (buyerId: string) =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM buyer_evidence WHERE buyer_id = $1', [buyerId]))[0].n as number;

  it('registers a buyer at L0 with a working key of its own', async () => {
    const res = await t.http.post('/v1/buyers').send({ companyName: 'Carol GmbH', country: 'DE' });
    expect(res.status).toBe(201);
    expect(res.body.buyer).toMatchObject({ companyName: 'Carol GmbH', country: 'DE', tier: 'L0', contactEmail: null });
    const me = await t.http.get(`/v1/buyers/${res.body.buyer.id}`).set('Authorization', `Bearer ${res.body.apiKey}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: res.body.buyer.id, tier: 'L0', tierEvaluation: { tier: 'L0', name: 'Standard' } });
  });

  it.each([
    ['a tier', { tier: 'L4' }, 'tier'],
    ['a status', { status: 'verified' }, 'status'],
    ['UK for GB', { country: 'UK' }, 'country'],
    ['a lower-case country', { country: 'gb' }, 'country'],
    ['no company name', { companyName: undefined }, 'companyName'],
    ['a bad e-mail', { contactEmail: 'nope' }, 'contactEmail'],
  ])('refuses a registration with %s (400, nothing created)', async (label, extra, field) => {
    // Marked by name and e-mail (each case keeps one of them).
    const marker = { companyName: `Refused: ${label}`, contactEmail: `refused-${field}-${Object.keys(extra).length}@example.com` };
    const res = await t.http.post('/v1/buyers').send({ ...marker, country: 'GB', ...extra });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM buyers WHERE company_name = $1 OR contact_email = $2', [
      marker.companyName,
      marker.contactEmail,
    ]);
    expect(n).toBe(0);
  });

  it('lets only an admin and the buyer itself see the buyer, its tier, history and evidence', async () => {
    for (const path of ['', '/tier', '/tier/history', '/evidence']) {
      const url = `/v1/buyers/${alice.id}${path}`;
      expect((await t.http.get(url).set(alice.auth)).status).toBe(200);
      expect((await t.http.get(url).set(t.admin)).status).toBe(200);
      const other = await t.http.get(url).set(bob.auth);
      expect([url, other.status, other.body.code]).toEqual([url, 404, 'not_found']);
      expect((await t.http.get(url)).status).toBe(401);
      expect((await t.http.get(`/v1/buyers/${randomUUID()}${path}`).set(t.admin)).status).toBe(404);
      expect((await t.http.get(`/v1/buyers/not-a-uuid${path}`).set(t.admin)).status).toBe(400);
    }
    expect((await t.http.get('/v1/buyers').set(alice.auth)).status).toBe(403);
  });

  it('lets a buyer submit evidence only for itself', async () => {
    const body = { type: 'employee_count', value: 10, documentRef: 'doc://hr' };
    expect((await t.http.post(`/v1/buyers/${alice.id}/evidence`).set(bob.auth).send(body)).status).toBe(404);
    expect((await t.http.post(`/v1/buyers/${alice.id}/evidence`).set(t.admin).send(body)).status).toBe(403);
    expect((await t.http.post(`/v1/buyers/${alice.id}/evidence`).send(body)).status).toBe(401);
  });

  it.each([
    ['an unknown type', { type: 'credit_score', value: 700 }, ['type']],
    ['a negative amount', { type: 'annual_revenue_usd', value: -1 }, ['value']],
    ['a fractional count', { type: 'employee_count', value: 1.5 }, ['value']],
    ['an amount as a string', { type: 'annual_procurement_usd', value: '50000' }, ['value']],
    ['a registration founded next year', { type: 'business_registration', value: registration(2027) }, ['value.yearEstablished']],
    ['a registration with UK', { type: 'business_registration', value: registration(2020, 'UK') }, ['value.country']],
    [
      'an incomplete registration',
      { type: 'business_registration', value: { legalName: 'A' } },
      ['value.registrationNumber', 'value.country', 'value.yearEstablished'],
    ],
    ['a status field', { type: 'employee_count', value: 5, status: 'verified' }, ['status']],
    ['a tier field', { type: 'employee_count', value: 5, tier: 'L4' }, ['tier']],
    ['no value', { type: 'employee_count' }, ['value']],
  ])('refuses evidence with %s (400, nothing stored)', async (_label, body, fields) => {
    const before = await evidenceOf(alice.id);
    const res = await t.http
      .post(`/v1/buyers/${alice.id}/evidence`)
      .set(alice.auth)
      .send({ documentRef: 'doc://x', ...body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
    expect(await evidenceOf(alice.id)).toBe(before);
  });

  it('reviews once: bad reviews change nothing, a second review is 409, a buyer reviewing is 403', async () => {
    const id = await submitEvidence(t, alice, 'business_registration', registration(2020, 'US'));
    const review = (body: object, auth = t.admin) => t.http.post(`/v1/evidence/${id}/review`).set(auth).send(body);
    const now = t.clock.now().getTime();
    expect((await review({ decision: 'verified' }, alice.auth)).status).toBe(403);
    expect((await review({ decision: 'approved' })).status).toBe(400);
    expect((await review({ decision: 'rejected' })).body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await review({ decision: 'verified', expiresAt: new Date(now - 1000).toISOString() })).status).toBe(400);
    const tooLate = await review({ decision: 'verified', expiresAt: new Date(now + 366 * 86_400_000).toISOString() });
    expect(tooLate.body.errors).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    expect((await tierOf(t, alice)).tier).toBe('L0');

    const expiresAt = new Date(now + 200 * 86_400_000).toISOString();
    const ok = await review({ decision: 'verified', expiresAt });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id, status: 'verified', expiresAt, buyerId: alice.id });
    const again = await review({ decision: 'rejected', reason: 'changed my mind' });
    expect([again.status, again.body.code]).toEqual([409, 'evidence_already_reviewed']);
    expect((await review({ decision: 'verified' })).status).toBe(409);
    expect((await tierOf(t, alice)).tier).toBe('L1');
    expect((await t.http.post(`/v1/evidence/${randomUUID()}/review`).set(t.admin).send({ decision: 'verified' })).status).toBe(404);
  });

  it('ignores rejected evidence and says so in `next`', async () => {
    const id = await submitEvidence(t, bob, 'business_registration', registration(2020, 'FR'));
    const res = await t.http
      .post(`/v1/evidence/${id}/review`)
      .set(t.admin)
      .send({ decision: 'rejected', reason: 'registry shows another name' });
    expect(res.body).toMatchObject({ status: 'rejected', reason: 'registry shows another name', verifiedAt: null, expiresAt: null });
    const tier = await tierOf(t, bob);
    expect(tier.tier).toBe('L0');
    expect(tier.next.missing[0]).toMatchObject({ field: 'business_registration', actual: 'rejected' });
  });

  it('lists buyers by tier with cursor pagination', async () => {
    const mine = [];
    for (let i = 0; i < 3; i++) {
      const b = await registerBuyer(t, { companyName: `Paged ${i}` });
      await verified(t, b, 'business_registration', registration(2021));
      mine.push(b.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.http
        .get('/v1/buyers')
        .query({ tier: 'L1', limit: 2, ...(cursor ? { cursor } : {}) })
        .set(t.admin);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      for (const b of res.body.data) expect(b.tier).toBe('L1');
      seen.push(...res.body.data.map((b: { id: string }) => b.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(mine));
    expect(seen).not.toContain(bob.id);
    expect((await t.http.get('/v1/buyers').query({ tier: 'L9' }).set(t.admin)).status).toBe(400);
    expect((await t.http.get('/v1/buyers').query({ cursor: 'garbage' }).set(t.admin)).body.code).toBe('invalid_cursor');
  });

  onPostgres('under concurrency', () => {
    it('two simultaneous reviews of one evidence: one wins, the other is 409', async () => {
      const b = await registerBuyer(t);
      const id = await submitEvidence(t, b, 'business_registration', registration(2019));
      const [r1, r2] = await Promise.all([
        t.http.post(`/v1/evidence/${id}/review`).set(t.admin).send({ decision: 'verified' }),
        t.http.post(`/v1/evidence/${id}/review`).set(t.admin).send({ decision: 'rejected', reason: 'no' }),
      ]);
      expect([r1.status, r2.status].sort()).toEqual([200, 409]);
      const history = (await t.http.get(`/v1/buyers/${b.id}/tier/history`).set(t.admin)).body.data;
      expect(history.length).toBe(r1.status === 200 ? 2 : 1);
    });
  });
});
