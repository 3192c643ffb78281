import { createTestApp, type TestApp } from '../support/test-app';
import {
  buyerWithVerified,
  historyOf,
  registerBuyer,
  registration,
  submitEvidence,
  tierOf,
  verified,
  type EvidenceStep,
} from './buyers.fixtures';

const DAY = 86_400_000;

/**
 * A buyer from L0 to L4 and back down through expiry, with the numbers of SPEC §3.2. Each step is a
 * test of its own: it builds a new buyer with the journey's evidence up to that step, then takes the
 * step. The clock starts each test at 2026-06-01T12:00Z, so a business founded in 2024 is 2 years old.
 */
describe('tier journey L0 → L4 → down (SPEC §3)', () => {
  let t: TestApp;
  const start = new Date('2026-06-01T12:00:00Z');
  const yearLater = new Date(start.getTime() + 365 * DAY);
  const l4Expiry = new Date(start.getTime() + 30 * DAY);
  /** The journey's evidence, in order: after step k the buyer holds JOURNEY.slice(0, k), all verified. */
  const JOURNEY: EvidenceStep[] = [
    ['business_registration', registration(2024)], // → L1
    ['annual_procurement_usd', 49_999], // still L1
    ['annual_procurement_usd', 50_000], // → L2
    ['annual_revenue_usd', 500_000], // → L3
    ['annual_revenue_usd', 1_000_000], // still L3
    ['annual_procurement_usd', 300_000, { expiresAt: l4Expiry.toISOString() }], // → L4
  ];
  const after = (steps: number) => buyerWithVerified(t, JOURNEY.slice(0, steps));
  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(() => t.clock.set(start));
  afterAll(() => t.close());

  it('starts at L0 with what L1 needs, and notes pending evidence', async () => {
    const buyer = await registerBuyer(t);
    const tier = await tierOf(t, buyer);
    expect(tier).toMatchObject({ tier: 'L0', name: 'Standard', basis: [], validUntil: null });
    expect(tier.next.tier).toBe('L1');
    expect(tier.next.missing).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'business_registration', required: 'verified', actual: 'missing' })]),
    );
    await submitEvidence(t, buyer, 'business_registration', registration(2024));
    const pending = await tierOf(t, buyer);
    expect(pending.tier).toBe('L0');
    expect(pending.next.missing[0]).toMatchObject({ field: 'business_registration', actual: 'pending' });
    expect(pending.next.summary).toContain('pending review');
  });

  it('verified business registration → L1', async () => {
    const buyer = await registerBuyer(t);
    const pendingId = await submitEvidence(t, buyer, 'business_registration', registration(2024));
    const res = await t.http.post(`/v1/evidence/${pendingId}/review`).set(t.admin).send({ decision: 'verified' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'verified', verifiedAt: start.toISOString(), expiresAt: yearLater.toISOString() });
    const tier = await tierOf(t, buyer);
    expect(tier).toMatchObject({ tier: 'L1', name: 'Silver', validUntil: yearLater.toISOString() });
    expect(tier.basis).toEqual([{ evidenceId: pendingId, type: 'business_registration', value: registration(2024) }]);
  });

  it('procurement 49,999 → still L1, with exactly what L2 is missing', async () => {
    const { buyer } = await after(2);
    const tier = await tierOf(t, buyer);
    expect(tier.tier).toBe('L1');
    expect(tier.next.tier).toBe('L2');
    expect(tier.next.missing).toEqual([
      { field: 'annual_procurement_usd', op: 'gte', required: 50_000, actual: 49_999, group: 'anyOf' },
      { field: 'platformGmvUsd12m', op: 'gte', required: 10_000, actual: 0, group: 'anyOf' },
    ]);
    expect(tier.next.summary).toContain('USD 50,000 (now USD 49,999)');
  });

  it('procurement 50,000 → L2 (Gold, policy version recorded)', async () => {
    const { buyer, ids } = await after(3);
    const tier = await tierOf(t, buyer);
    expect(tier).toMatchObject({ tier: 'L2', name: 'Gold', benefits: { freightDiscountPercent: 2, quoteValidityHours: 48 } });
    expect(tier.policyVersion).toBe((await t.http.get('/v1/tiers/policy')).body.version);
    expect(tier.basis).toEqual(expect.arrayContaining([{ evidenceId: ids[2], type: 'annual_procurement_usd', value: 50_000 }]));
  });

  it('age 2 and revenue 500,000 → L3', async () => {
    const { buyer } = await after(3);
    expect((await tierOf(t, buyer)).tier).toBe('L2');
    await verified(t, buyer, 'annual_revenue_usd', 500_000);
    expect((await tierOf(t, buyer)).tier).toBe('L3');
  });

  it('revenue exactly 1,000,000 is not "more than 1,000,000": still L3', async () => {
    const { buyer } = await after(5);
    const tier = await tierOf(t, buyer);
    expect(tier.tier).toBe('L3');
    expect(tier.next.missing).toEqual(
      expect.arrayContaining([{ field: 'annual_revenue_usd', op: 'gt', required: 1_000_000, actual: 1_000_000, group: 'anyOf' }]),
    );
  });

  it('procurement 300,000 → L4, valid until that evidence expires, nothing next', async () => {
    const { buyer, ids } = await after(6);
    const tier = await tierOf(t, buyer);
    expect(tier).toMatchObject({ tier: 'L4', name: 'Pro', validUntil: l4Expiry.toISOString(), next: null });
    expect(tier.basis).toEqual(expect.arrayContaining([{ evidenceId: ids[5], type: 'annual_procurement_usd', value: 300_000 }]));
  });

  it('the tier-expiry sweep, past that expiry, downgrades to L3 and records why', async () => {
    const { buyer, ids } = await after(6);
    t.clock.advanceDays(31);
    const asOf = t.clock.now().toISOString();
    const sweep = await t.http.post('/v1/admin/sweeps/tier-expiry').set(t.admin).send({ asOf });
    expect(sweep.status).toBe(200);
    expect(sweep.body).toMatchObject({ sweep: 'tier-expiry', ran: true });
    expect(sweep.body.changed).toBeGreaterThanOrEqual(1);
    const tier = await tierOf(t, buyer);
    expect(tier).toMatchObject({ tier: 'L3', evaluatedAt: asOf, validUntil: yearLater.toISOString() });
    expect(tier.next.tier).toBe('L4');
    expect((await historyOf(t, buyer)).at(-1)).toMatchObject({
      from: 'L4',
      to: 'L3',
      reason: 'evidence_expired',
      evidenceId: ids[5],
      at: asOf,
    });
  });

  it('reading the tier after everything expired downgrades to L0 at once, before any sweep', async () => {
    const { buyer } = await after(6);
    t.clock.set(new Date(l4Expiry.getTime() + DAY));
    expect((await tierOf(t, buyer)).tier).toBe('L3'); // read past the L4 expiry: down one tier
    t.clock.set(new Date(yearLater.getTime() + 1000));
    const tier = await tierOf(t, buyer);
    expect(tier).toMatchObject({ tier: 'L0', basis: [], validUntil: null });
    expect(tier.next.missing[0]).toMatchObject({ field: 'business_registration', actual: 'expired' });
    const history = await historyOf(t, buyer);
    expect(history.map((h) => [h.from, h.to, h.reason])).toEqual([
      [null, 'L0', 'registered'],
      ['L0', 'L1', 'evidence_verified'],
      ['L1', 'L2', 'evidence_verified'],
      ['L2', 'L3', 'evidence_verified'],
      ['L3', 'L4', 'evidence_verified'],
      ['L4', 'L3', 'evidence_expired'],
      ['L3', 'L0', 'evidence_expired'],
    ]);
    const list = await t.http.get('/v1/buyers').query({ tier: 'L0', limit: 200 }).set(t.admin);
    expect(list.body.data.map((b: { id: string }) => b.id)).toContain(buyer.id);
  });
});

/**
 * Publishing policy versions (§3.2). In this file, after the journey, because the policy is global:
 * it lowers only the L2 procurement threshold (no other test uses 40,000–49,999) and restores the
 * default at the end.
 */
describe('tier policy versions (SPEC §3.2, §3.4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const withL2Procurement = (tiers: { anyOf: { field: string; value?: number }[] }[], value: number) =>
    tiers.map((def, i) =>
      i === 2 ? { ...def, anyOf: def.anyOf.map((c) => (c.field === 'annual_procurement_usd' ? { ...c, value } : c)) } : def,
    );

  it('is public and says §3.2 and §3.4', async () => {
    const res = await t.http.get('/v1/tiers/policy');
    expect(res.status).toBe(200);
    expect(res.body.tiers.map((d: { tier: string; name: string }) => `${d.tier} ${d.name}`)).toEqual([
      'L0 Standard',
      'L1 Silver',
      'L2 Gold',
      'L3 Platinum',
      'L4 Pro',
    ]);
    expect(res.body.tiers[4].anyOf).toContainEqual({ field: 'annual_revenue_usd', op: 'gt', value: 1_000_000 });
    expect(res.body.tiers.map((d: { benefits: unknown }) => d.benefits)).toEqual([
      { freightDiscountPercent: 0, quoteValidityHours: 24, automaticCompensation: false },
      { freightDiscountPercent: 0, quoteValidityHours: 24, automaticCompensation: false },
      { freightDiscountPercent: 2, quoteValidityHours: 48, automaticCompensation: false },
      { freightDiscountPercent: 4, quoteValidityHours: 72, automaticCompensation: true },
      { freightDiscountPercent: 6, quoteValidityHours: 72, automaticCompensation: true },
    ]);
  });

  it('refuses an invalid policy with field errors and publishes nothing', async () => {
    const { version, tiers } = (await t.http.get('/v1/tiers/policy')).body;
    const put = (body: object, auth = t.admin) => t.http.put('/v1/tiers/policy').set(auth).send(body);
    const fields = async (body: object) => ((await put(body)).body.errors ?? []).map((e: { field: string }) => e.field);

    expect(await fields({ tiers: withL2Procurement(tiers, 200_000) })).toContain('tiers[3].anyOf[0].value');
    const percent = structuredClone(tiers);
    percent[2].benefits.freightDiscountPercent = 150;
    expect(await fields({ tiers: percent })).toEqual(['tiers[2].benefits.freightDiscountPercent']);
    const validity = structuredClone(tiers);
    validity[1].benefits.quoteValidityHours = 0;
    expect(await fields({ tiers: validity })).toEqual(['tiers[1].benefits.quoteValidityHours']);
    expect(await fields({ tiers: [tiers[1], tiers[0], ...tiers.slice(2)] })).toEqual(
      expect.arrayContaining(['tiers[0].tier', 'tiers[1].tier']),
    );
    expect(await fields({ tiers: tiers.slice(0, 4) })).toEqual(['tiers']);
    expect(await fields({ version: 99, tiers })).toEqual(['version']);
    const buyer = await registerBuyer(t);
    expect((await put({ tiers }, buyer.auth)).status).toBe(403);
    expect((await t.http.get('/v1/tiers/policy')).body.version).toBe(version);
  });

  it('publishes a new version that the next evaluation uses and records', async () => {
    const buyer = await registerBuyer(t);
    await verified(t, buyer, 'business_registration', registration(2023));
    await verified(t, buyer, 'annual_procurement_usd', 45_000);
    const before = await tierOf(t, buyer);
    expect(before.tier).toBe('L1');

    const { version, tiers } = (await t.http.get('/v1/tiers/policy')).body;
    const published = await t.http
      .put('/v1/tiers/policy')
      .set(t.admin)
      .send({ tiers: withL2Procurement(tiers, 40_000) });
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(version + 1);
    expect((await t.http.get('/v1/tiers/policy')).body.tiers[2].anyOf[0].value).toBe(40_000);
    expect((await tierOf(t, buyer)).policyVersion).toBe(before.policyVersion); // stored until re-evaluated

    // The next evaluation (here: new evidence submitted) uses the new version and cites it as the cause.
    await submitEvidence(t, buyer, 'employee_count', 12);
    expect(await tierOf(t, buyer)).toMatchObject({ tier: 'L2', policyVersion: version + 1 });
    expect((await historyOf(t, buyer)).at(-1)).toMatchObject({
      from: 'L1',
      to: 'L2',
      reason: 'policy_changed',
      policyVersion: version + 1,
    });

    const restored = await t.http.put('/v1/tiers/policy').set(t.admin).send({ tiers });
    expect(restored.body.version).toBe(version + 2);
    // The sweep moves buyers still on an older version onto the new one, with the reason.
    await t.http.post('/v1/admin/sweeps/tier-expiry').set(t.admin).send({});
    expect(await tierOf(t, buyer)).toMatchObject({ tier: 'L1', policyVersion: version + 2 });
    expect((await historyOf(t, buyer)).at(-1)).toMatchObject({ from: 'L2', to: 'L1', reason: 'policy_changed' });
  });
});
