import { createTestApp, type TestApp } from '../support/test-app';
import { historyOf, registerBuyer, registration, submitEvidence, tierOf, verified, type TestBuyer } from './buyers.fixtures';

const DAY = 86_400_000;

/**
 * A buyer from L0 to L4 and back down through expiry, with the numbers of SPEC §3.2. The clock
 * starts at 2026-06-01T12:00Z, so a business founded in 2024 is 2 years old.
 */
describe('tier journey L0 → L4 → down (SPEC §3)', () => {
  let t: TestApp;
  let buyer: TestBuyer;
  const start = new Date('2026-06-01T12:00:00Z');
  const yearLater = new Date(start.getTime() + 365 * DAY);
  beforeAll(async () => {
    t = await createTestApp();
    buyer = await registerBuyer(t);
  });
  afterAll(() => t.close());

  it('starts at L0 with what L1 needs, and notes pending evidence', async () => {
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
    const [pendingId] = (await t.http.get(`/v1/buyers/${buyer.id}/evidence`).set(buyer.auth)).body.data.map((e: { id: string }) => e.id);
    const res = await t.http.post(`/v1/evidence/${pendingId}/review`).set(t.admin).send({ decision: 'verified' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'verified', verifiedAt: start.toISOString(), expiresAt: yearLater.toISOString() });
    const tier = await tierOf(t, buyer);
    expect(tier).toMatchObject({ tier: 'L1', name: 'Silver', validUntil: yearLater.toISOString() });
    expect(tier.basis).toEqual([{ evidenceId: pendingId, type: 'business_registration', value: registration(2024) }]);
  });

  it('procurement 49,999 → still L1, with exactly what L2 is missing', async () => {
    await verified(t, buyer, 'annual_procurement_usd', 49_999);
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
    const id = await verified(t, buyer, 'annual_procurement_usd', 50_000);
    const tier = await tierOf(t, buyer);
    expect(tier).toMatchObject({ tier: 'L2', name: 'Gold', benefits: { freightDiscountPercent: 2, quoteValidityHours: 48 } });
    expect(tier.policyVersion).toBe((await t.http.get('/v1/tiers/policy')).body.version);
    expect(tier.basis).toEqual(expect.arrayContaining([{ evidenceId: id, type: 'annual_procurement_usd', value: 50_000 }]));
  });

  it('age 2 and revenue 500,000 → L3', async () => {
    await verified(t, buyer, 'annual_revenue_usd', 500_000);
    expect((await tierOf(t, buyer)).tier).toBe('L3');
  });

  it('revenue exactly 1,000,000 is not "more than 1,000,000": still L3', async () => {
    await verified(t, buyer, 'annual_revenue_usd', 1_000_000);
    const tier = await tierOf(t, buyer);
    expect(tier.tier).toBe('L3');
    expect(tier.next.missing).toEqual(
      expect.arrayContaining([{ field: 'annual_revenue_usd', op: 'gt', required: 1_000_000, actual: 1_000_000, group: 'anyOf' }]),
    );
  });

  let procurementL4: string;
  const l4Expiry = new Date(start.getTime() + 30 * DAY);
  it('procurement 300,000 → L4, valid until that evidence expires, nothing next', async () => {
    procurementL4 = await verified(t, buyer, 'annual_procurement_usd', 300_000, { expiresAt: l4Expiry.toISOString() });
    const tier = await tierOf(t, buyer);
    expect(tier).toMatchObject({ tier: 'L4', name: 'Pro', validUntil: l4Expiry.toISOString(), next: null });
    expect(tier.basis).toEqual(expect.arrayContaining([{ evidenceId: procurementL4, type: 'annual_procurement_usd', value: 300_000 }]));
  });

  it('the tier-expiry sweep, past that expiry, downgrades to L3 and records why', async () => {
    t.clock.advanceDays(31);
    const asOf = t.clock.now().toISOString();
    const sweep = await t.http.post('/v1/admin/sweeps/tier-expiry').set(t.admin).send({ asOf });
    expect(sweep.status).toBe(200);
    expect(sweep.body).toMatchObject({ sweep: 'tier-expiry', ran: true });
    expect(sweep.body.changed).toBeGreaterThanOrEqual(1);
    const tier = await tierOf(t, buyer);
    expect(tier).toMatchObject({ tier: 'L3', evaluatedAt: asOf, validUntil: yearLater.toISOString() });
    expect(tier.next.tier).toBe('L4');
    expect((await historyOf(t, buyer)).at(-1)).toMatchObject({ from: 'L4', to: 'L3', reason: 'evidence_expired', evidenceId: procurementL4, at: asOf });
  });

  it('reading the tier after everything expired downgrades to L0 at once, before any sweep', async () => {
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
