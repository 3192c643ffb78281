import { DEFAULT_TIER_POLICY } from './tier-policy';
import type { TierEvidence } from './tier-evaluation';
import { expiredBetween, snapshot } from './tier-refresh';

const now = new Date('2026-06-01T12:00:00Z');
const verified = (id: string, type: TierEvidence['type'], value: unknown, expiresAt: string): TierEvidence => ({
  id,
  type,
  value,
  status: 'verified',
  verifiedAt: new Date('2026-05-01T00:00:00Z'),
  expiresAt: new Date(expiresAt),
});
const registration = (year: number, expiresAt = '2027-05-01T00:00:00Z') =>
  verified(
    'reg',
    'business_registration',
    { registrationNumber: 'R1', legalName: 'Acme', country: 'GB', yearEstablished: year },
    expiresAt,
  );

describe('tier snapshot staleness', () => {
  it('is stale at the first expiry of counted evidence, even when the tier survives it', () => {
    const evidence = [
      registration(2020),
      verified('p1', 'annual_procurement_usd', 60_000, '2026-09-01T00:00:00Z'),
      verified('p2', 'annual_procurement_usd', 55_000, '2027-01-15T00:00:00Z'),
    ];
    const { evaluation, reevaluateAt } = snapshot(evidence, 0, now, DEFAULT_TIER_POLICY);
    expect(evaluation.tier).toBe('L2');
    expect(evaluation.validUntil).toEqual(new Date('2027-01-15T00:00:00Z'));
    expect(reevaluateAt).toEqual(new Date('2026-09-01T00:00:00Z'));
  });

  it('is stale on 1 January when a year of age raises the tier (founded 2025: age 1 → 2)', () => {
    const evidence = [registration(2025, '2027-05-01T00:00:00Z'), verified('r', 'annual_revenue_usd', 600_000, '2027-05-01T00:00:00Z')];
    const { evaluation, reevaluateAt } = snapshot(evidence, 0, now, DEFAULT_TIER_POLICY);
    expect(evaluation.tier).toBe('L1');
    expect(reevaluateAt).toEqual(new Date('2027-01-01T00:00:00Z'));
  });

  it('is never stale with no expiring evidence and no birthday that matters', () => {
    expect(snapshot([], 0, now, DEFAULT_TIER_POLICY).reevaluateAt).toBeNull();
  });

  it('cites the evidence that lapsed since the last evaluation, earliest first', () => {
    const evidence = [registration(2020, '2026-07-01T00:00:00Z'), verified('p', 'annual_procurement_usd', 1, '2026-06-15T00:00:00Z')];
    expect(expiredBetween(evidence, now, new Date('2026-07-01T00:00:00Z')).map((e) => e.id)).toEqual(['p', 'reg']);
    expect(expiredBetween(evidence, now, new Date('2026-06-30T00:00:00Z')).map((e) => e.id)).toEqual(['p']);
  });
});
