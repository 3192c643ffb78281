import { TIERS, evaluate, tierRank, type EvidenceType, type TierCode, type TierEvidence } from './tier-evaluation';
import { DEFAULT_TIER_POLICY } from './tier-policy';

const NOW = new Date('2025-06-15T12:00:00Z');
const YEAR = NOW.getUTCFullYear();
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

let seq = 0;
function ev(type: EvidenceType, value: unknown, over: Partial<TierEvidence> = {}): TierEvidence {
  seq += 1;
  return { id: `${type}-${seq}`, type, value, status: 'verified', verifiedAt: days(-10), expiresAt: days(355), ...over };
}
/** A business registration for a company `age` years old (yearEstablished = currentYear − age). */
const reg = (age: number, over: Partial<TierEvidence> = {}) =>
  ev(
    'business_registration',
    { registrationNumber: 'HRB 12345', legalName: 'Acme GmbH', country: 'DE', yearEstablished: YEAR - age },
    over,
  );
const proc = (usd: number, over: Partial<TierEvidence> = {}) => ev('annual_procurement_usd', usd, over);
const rev = (usd: number, over: Partial<TierEvidence> = {}) => ev('annual_revenue_usd', usd, over);
const emp = (n: number, over: Partial<TierEvidence> = {}) => ev('employee_count', n, over);

const tierOf = (evidence: TierEvidence[], gmv = 0, now = NOW) => evaluate(evidence, gmv, now, DEFAULT_TIER_POLICY).tier;

describe('§3.2 thresholds', () => {
  it.each<[string, TierCode, TierEvidence[], number]>([
    // case | tier | evidence | platform GMV (USD, 12 months)
    ['nothing verified', 'L0', [], 0],
    ['GMV 999, no registration', 'L0', [], 999],
    ['GMV 1,000, no registration', 'L1', [], 1_000],
    ['GMV 10,000, no registration', 'L1', [], 10_000],
    ['GMV 300,000, no registration', 'L1', [], 300_000],
    ['registration only', 'L1', [reg(5)], 0],
    ['registration, GMV 9,999', 'L1', [reg(5)], 9_999],
    ['registration, GMV 10,000', 'L2', [reg(5)], 10_000],
    ['registration, procurement 49,999', 'L1', [reg(5), proc(49_999)], 0],
    ['registration, procurement 50,000', 'L2', [reg(5), proc(50_000)], 0],
    ['procurement 50,000 without registration', 'L0', [proc(50_000)], 0],
    ['age 5, procurement 149,999', 'L2', [reg(5), proc(149_999)], 0],
    ['age 5, procurement 150,000', 'L3', [reg(5), proc(150_000)], 0],
    ['age 5, procurement 299,999', 'L3', [reg(5), proc(299_999)], 0],
    ['age 5, procurement 300,000', 'L4', [reg(5), proc(300_000)], 0],
    ['age 1, procurement 150,000', 'L2', [reg(1), proc(150_000)], 0],
    ['age 2, procurement 150,000', 'L3', [reg(2), proc(150_000)], 0],
    ['age 1, procurement 300,000', 'L2', [reg(1), proc(300_000)], 0],
    ['age 2, procurement 300,000', 'L4', [reg(2), proc(300_000)], 0],
    ['age 5, revenue 499,999', 'L1', [reg(5), rev(499_999)], 0],
    ['age 5, revenue 500,000', 'L3', [reg(5), rev(500_000)], 0],
    ['age 5, revenue exactly 1,000,000', 'L3', [reg(5), rev(1_000_000)], 0],
    ['age 5, revenue 1,000,001', 'L4', [reg(5), rev(1_000_001)], 0],
    ['age 1, revenue 1,000,001', 'L1', [reg(1), rev(1_000_001)], 0],
    ['age 5, employees 49', 'L1', [reg(5), emp(49)], 0],
    ['age 5, employees 50', 'L3', [reg(5), emp(50)], 0],
    ['age 5, employees 10,000 (no L4 route)', 'L3', [reg(5), emp(10_000)], 0],
    ['age 5, GMV 299,999 (GMV is no L3 route)', 'L2', [reg(5)], 299_999],
    ['age 5, GMV 300,000', 'L4', [reg(5)], 300_000],
    ['age 1, GMV 300,000', 'L2', [reg(1)], 300_000],
  ])('%s → %s', (_, tier, evidence, gmv) => {
    expect(tierOf(evidence, gmv)).toBe(tier);
  });
});

describe('§3.1 which evidence counts', () => {
  it.each<[string, TierCode, TierEvidence[]]>([
    ['procurement expiring exactly now is expired', 'L1', [reg(5), proc(60_000, { expiresAt: NOW })]],
    ['procurement expiring 1 ms from now counts', 'L2', [reg(5), proc(60_000, { expiresAt: new Date(NOW.getTime() + 1) })]],
    ['procurement without expiry counts', 'L2', [reg(5), proc(60_000, { expiresAt: null })]],
    ['rejected procurement is ignored', 'L1', [reg(5), proc(60_000, { status: 'rejected' })]],
    ['pending procurement is ignored', 'L1', [reg(5), proc(60_000, { status: 'pending' })]],
    ['pending registration is ignored', 'L0', [reg(5, { status: 'pending' })]],
    ['expired registration is ignored', 'L0', [reg(5, { expiresAt: days(-1) }), proc(400_000)]],
    ['expired 400,000 and valid 60,000: the 60,000', 'L2', [reg(5), proc(400_000, { expiresAt: days(-1) }), proc(60_000)]],
    ['rejected 400,000 and valid 160,000: the 160,000', 'L3', [reg(5), proc(400_000, { status: 'rejected' }), proc(160_000)]],
    ['pending 400,000 and valid 320,000: the 320,000', 'L4', [reg(5), proc(400_000, { status: 'pending' }), proc(320_000)]],
    ['registrations aged 1 and 3: the oldest counts', 'L3', [reg(1), reg(3), proc(150_000)]],
    ['the age-3 registration expired: age 1 counts', 'L2', [reg(1), reg(3, { expiresAt: days(-1) }), proc(150_000)]],
    ['a malformed value is ignored', 'L1', [reg(5), proc('60000' as unknown as number)]],
  ])('%s → %s', (_, tier, evidence) => {
    expect(tierOf(evidence)).toBe(tier);
  });
});

describe('basis, name and policy version', () => {
  it('names the tier, the policy version, and the evidence that earned it', () => {
    const r = reg(5);
    const p = proc(60_000);
    expect(evaluate([r, p, emp(10)], 0, NOW, DEFAULT_TIER_POLICY)).toMatchObject({
      tier: 'L2',
      name: 'Gold',
      policyVersion: 1,
      basis: [
        { evidenceId: r.id, type: 'business_registration', value: r.value },
        { evidenceId: p.id, type: 'annual_procurement_usd', value: 60_000 },
      ],
    });
  });

  it('lists every satisfied alternative, the platform GMV by source', () => {
    const p = proc(60_000);
    expect(evaluate([reg(5), p], 12_000, NOW, DEFAULT_TIER_POLICY).basis).toEqual([
      expect.objectContaining({ type: 'business_registration' }),
      { evidenceId: p.id, type: 'annual_procurement_usd', value: 60_000 },
      { source: 'platform_gmv', type: 'platformGmvUsd12m', value: 12_000 },
    ]);
  });

  it('lists the registration once though both "registered" and "age" rest on it', () => {
    const r = reg(5);
    const v = rev(2_000_000);
    expect(evaluate([r, v], 0, NOW, DEFAULT_TIER_POLICY).basis.map((b) => ('evidenceId' in b ? b.evidenceId : b.source))).toEqual([
      r.id,
      v.id,
    ]);
  });

  it('names the best item, not an expired better one', () => {
    const good = proc(60_000);
    const basis = evaluate([reg(5), proc(400_000, { expiresAt: NOW }), good], 0, NOW, DEFAULT_TIER_POLICY).basis;
    expect(basis).toContainEqual({ evidenceId: good.id, type: 'annual_procurement_usd', value: 60_000 });
  });

  it('has an empty basis at L0 and records the policy version it used', () => {
    const policy = { ...structuredClone(DEFAULT_TIER_POLICY), version: 7 };
    expect(evaluate([], 0, NOW, policy)).toMatchObject({ tier: 'L0', name: 'Standard', policyVersion: 7, basis: [] });
  });
});

describe('§3.3 validUntil: the first expiry that lowers the tier', () => {
  it.each<[string, () => [TierEvidence[], number], Date | null]>([
    ['holding procurement expires first', () => [[reg(5, { expiresAt: days(300) }), proc(60_000, { expiresAt: days(30) })], 0], days(30)],
    ['registration expires first', () => [[reg(5, { expiresAt: days(20) }), proc(60_000, { expiresAt: days(30) })], 0], days(20)],
    [
      'a backup 55,000 holds L2 until it expires',
      () => [[reg(5, { expiresAt: null }), proc(80_000, { expiresAt: days(30) }), proc(55_000, { expiresAt: days(90) })], 0],
      days(90),
    ],
    [
      'a backup without expiry holds L2 for good',
      () => [[reg(5, { expiresAt: null }), proc(80_000, { expiresAt: days(30) }), proc(55_000, { expiresAt: null })], 0],
      null,
    ],
    [
      'a backup too small to hold L2 does not',
      () => [[reg(5, { expiresAt: null }), proc(80_000, { expiresAt: days(30) }), proc(40_000, { expiresAt: days(90) })], 0],
      days(30),
    ],
    [
      'a backup expiring first changes nothing',
      () => [[reg(5, { expiresAt: null }), proc(80_000, { expiresAt: days(60) }), proc(55_000, { expiresAt: days(10) })], 0],
      days(60),
    ],
    ['GMV keeps L2 when procurement expires', () => [[reg(5, { expiresAt: null }), proc(80_000, { expiresAt: days(30) })], 10_000], null],
    [
      'L3: revenue still holds when procurement expires',
      () => [[reg(5, { expiresAt: null }), proc(200_000, { expiresAt: days(30) }), rev(600_000, { expiresAt: days(200) })], 0],
      days(200),
    ],
    [
      'L4 → L3 when the L4 revenue expires',
      () => [[reg(5, { expiresAt: null }), rev(2_000_000, { expiresAt: days(40) }), proc(200_000, { expiresAt: days(100) })], 0],
      days(40),
    ],
    ['L1 held by GMV outlives the registration', () => [[reg(5, { expiresAt: days(30) })], 1_000], null],
    ['L1 by registration alone ends with it', () => [[reg(5, { expiresAt: days(30) })], 999], days(30)],
    ['L0 cannot go lower', () => [[proc(10, { expiresAt: days(5) })], 0], null],
    ['nothing expires', () => [[reg(5, { expiresAt: null }), proc(60_000, { expiresAt: null })], 0], null],
  ])('%s', (_, build, expected) => {
    const [evidence, gmv] = build();
    expect(evaluate(evidence, gmv, NOW, DEFAULT_TIER_POLICY).validUntil).toEqual(expected);
  });

  it('agrees with a re-evaluation at that instant', () => {
    const evidence = [reg(5, { expiresAt: null }), proc(80_000, { expiresAt: days(30) }), proc(55_000, { expiresAt: days(90) })];
    expect(tierOf(evidence, 0, days(89))).toBe('L2');
    expect(tierOf(evidence, 0, days(90))).toBe('L1');
  });
});

describe('§3.3 next: what is missing for the next tier', () => {
  it.each<[string, () => [TierEvidence[], number], unknown]>([
    [
      'L0 → L1',
      () => [[], 400],
      {
        tier: 'L1',
        name: 'Silver',
        missing: [
          { field: 'business_registration', op: 'verified', required: 'verified', actual: 'missing', group: 'anyOf' },
          { field: 'platformGmvUsd12m', op: 'gte', required: 1_000, actual: 400, group: 'anyOf' },
        ],
        summary:
          'To reach L1 (Silver): one of a verified business registration (now missing) or platform GMV of at least USD 1,000 in 12 months (now USD 400).',
      },
    ],
    [
      'L1 → L2 with procurement 20,000',
      () => [[reg(5), proc(20_000)], 0],
      {
        tier: 'L2',
        missing: [
          { field: 'annual_procurement_usd', op: 'gte', required: 50_000, actual: 20_000, group: 'anyOf' },
          { field: 'platformGmvUsd12m', op: 'gte', required: 10_000, actual: 0, group: 'anyOf' },
        ],
        summary:
          'To reach L2 (Gold): one of verified annual procurement of at least USD 50,000 (now USD 20,000) or platform GMV of at least USD 10,000 in 12 months (now USD 0).',
      },
    ],
    [
      'L1 by GMV, registration pending',
      () => [[reg(5, { status: 'pending' }), proc(70_000, { status: 'rejected' })], 5_000],
      {
        tier: 'L2',
        missing: [
          { field: 'business_registration', required: 'verified', actual: 'pending', group: 'requires' },
          { field: 'annual_procurement_usd', required: 50_000, actual: 'rejected', group: 'anyOf' },
          { field: 'platformGmvUsd12m', required: 10_000, actual: 5_000, group: 'anyOf' },
        ],
        summary:
          'To reach L2 (Gold): a verified business registration (now pending review) and one of verified annual procurement of at least USD 50,000 (now rejected) or platform GMV of at least USD 10,000 in 12 months (now USD 5,000).',
      },
    ],
    [
      'L2 at age 1 → L3',
      () => [[reg(1), proc(60_000), emp(12, { expiresAt: days(-1) })], 0],
      {
        tier: 'L3',
        missing: [
          { field: 'business_age_years', required: 2, actual: 1, group: 'requires' },
          { field: 'annual_procurement_usd', required: 150_000, actual: 60_000, group: 'anyOf' },
          { field: 'annual_revenue_usd', required: 500_000, actual: 'missing', group: 'anyOf' },
          { field: 'employee_count', required: 50, actual: 'expired', group: 'anyOf' },
        ],
        summary:
          'To reach L3 (Platinum): a business at least 2 years old (now 1 year) and one of verified annual procurement of at least USD 150,000 (now USD 60,000), verified annual revenue of at least USD 500,000 (now none) or at least 50 verified employees (now expired).',
      },
    ],
    [
      'L2 at age 5 → L3: only the alternatives',
      () => [[reg(5)], 20_000],
      { tier: 'L3', missing: [{ field: 'annual_procurement_usd' }, { field: 'annual_revenue_usd' }, { field: 'employee_count' }] },
    ],
    [
      'L3 with revenue exactly 1,000,000 → L4',
      () => [[reg(5), rev(1_000_000)], 0],
      {
        tier: 'L4',
        name: 'Pro',
        missing: [
          { field: 'annual_procurement_usd', required: 300_000, actual: 'missing' },
          { field: 'annual_revenue_usd', op: 'gt', required: 1_000_000, actual: 1_000_000 },
          { field: 'platformGmvUsd12m', required: 300_000, actual: 0 },
        ],
        summary:
          'To reach L4 (Pro): one of verified annual procurement of at least USD 300,000 (now none), verified annual revenue of more than USD 1,000,000 (now USD 1,000,000) or platform GMV of at least USD 300,000 in 12 months (now USD 0).',
      },
    ],
  ])('%s', (_, build, expected) => {
    const [evidence, gmv] = build();
    expect(evaluate(evidence, gmv, NOW, DEFAULT_TIER_POLICY).next).toMatchObject(expected as object);
  });

  it('lists a missing registration and an unknown age both, when a stranger aims at L3', () => {
    const policy = structuredClone(DEFAULT_TIER_POLICY);
    policy.tiers[2].requires = []; // a policy where GMV alone reaches L2
    const next = evaluate([], 20_000, NOW, policy).next;
    expect(next?.missing.slice(0, 2)).toEqual([
      { field: 'business_registration', op: 'verified', required: 'verified', actual: 'missing', group: 'requires' },
      { field: 'business_age_years', op: 'gte', required: 2, actual: 'missing', group: 'requires' },
    ]);
    expect(next?.summary).toMatch(
      /^To reach L3 \(Platinum\): a verified business registration \(now missing\), a business at least 2 years old \(now unknown without a verified business registration\) and one of /,
    );
  });

  it('is null at L4', () => {
    expect(evaluate([reg(5), proc(300_000)], 0, NOW, DEFAULT_TIER_POLICY).next).toBeNull();
  });
});

describe('TIERS and tierRank', () => {
  it('orders L0 < L1 < L2 < L3 < L4', () => {
    expect([...TIERS]).toEqual(['L0', 'L1', 'L2', 'L3', 'L4']);
    expect(tierRank('L3')).toBeGreaterThan(tierRank('L2'));
  });
});
