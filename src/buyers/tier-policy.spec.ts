import {
  DEFAULT_TIER_POLICY,
  TIERS,
  discountBps,
  tierDefinition,
  tierRank,
  validateTierPolicy,
  type TierCode,
  type TierCondition,
  type TierPolicy,
} from './tier-policy';

const reg: TierCondition = { field: 'business_registration', op: 'verified' };
const gte = (field: Exclude<TierCondition['field'], 'business_registration'>, value: number): TierCondition => ({
  field,
  op: 'gte',
  value,
});

describe('DEFAULT_TIER_POLICY (§3.2 conditions)', () => {
  it.each<[TierCode, string, TierCondition[], TierCondition[]]>([
    // tier | name      | requires (all)                           | anyOf (one of)
    ['L0', 'Standard', [], []],
    ['L1', 'Silver', [], [reg, gte('platformGmvUsd12m', 1_000)]],
    ['L2', 'Gold', [reg], [gte('annual_procurement_usd', 50_000), gte('platformGmvUsd12m', 10_000)]],
    [
      'L3',
      'Platinum',
      [reg, gte('business_age_years', 2)],
      [gte('annual_procurement_usd', 150_000), gte('annual_revenue_usd', 500_000), gte('employee_count', 50)],
    ],
    [
      'L4',
      'Pro',
      [reg, gte('business_age_years', 2)],
      [
        gte('annual_procurement_usd', 300_000),
        { field: 'annual_revenue_usd', op: 'gt', value: 1_000_000 },
        gte('platformGmvUsd12m', 300_000),
      ],
    ],
  ])('%s %s', (tier, name, requires, anyOf) => {
    expect(tierDefinition(DEFAULT_TIER_POLICY, tier)).toMatchObject({ tier, name, requires, anyOf });
  });

  it('is version 1, lists L0..L4 in order, and is valid', () => {
    expect(DEFAULT_TIER_POLICY.version).toBe(1);
    expect(DEFAULT_TIER_POLICY.tiers.map((t) => t.tier)).toEqual([...TIERS]);
    expect(validateTierPolicy(DEFAULT_TIER_POLICY)).toEqual([]);
  });

  it('cannot be edited in place', () => {
    expect(() => {
      DEFAULT_TIER_POLICY.tiers[2].benefits.freightDiscountPercent = 50;
    }).toThrow(TypeError);
  });
});

describe('DEFAULT_TIER_POLICY (§3.4 benefits)', () => {
  it.each<[TierCode, number, number, number, boolean]>([
    // tier | discount % | bps | quote valid (h) | automatic compensation
    ['L0', 0, 0, 24, false],
    ['L1', 0, 0, 24, false],
    ['L2', 2, 200, 48, false],
    ['L3', 4, 400, 72, true],
    ['L4', 6, 600, 72, true],
  ])('%s: %s %% (%s bps), valid %s h, automatic %s', (tier, percent, bps, hours, automatic) => {
    const { benefits } = tierDefinition(DEFAULT_TIER_POLICY, tier);
    expect(benefits).toEqual({ freightDiscountPercent: percent, quoteValidityHours: hours, automaticCompensation: automatic });
    expect(discountBps(benefits)).toBe(bps);
  });
});

describe('helpers', () => {
  it.each([
    [2.5, 250],
    [0.07, 7], // 0.07 × 100 is not exactly 7 in floats
    [100, 10_000],
  ])('discountBps(%s %%) = %s', (percent, bps) => {
    expect(discountBps({ freightDiscountPercent: percent, quoteValidityHours: 1, automaticCompensation: false })).toBe(bps);
  });

  it('ranks tiers L0 < … < L4', () => {
    expect(TIERS.map(tierRank)).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a tier the policy does not have', () => {
    expect(() => tierDefinition({ version: 9, tiers: [] }, 'L2')).toThrow(RangeError);
  });
});

/** A writable copy of the default with one edit applied. */
function edited(edit: (p: TierPolicy) => void): TierPolicy {
  const policy = structuredClone(DEFAULT_TIER_POLICY);
  edit(policy);
  return policy;
}

describe('validateTierPolicy', () => {
  it.each<[string, (p: TierPolicy) => void, string[]]>([
    // what is wrong | edit | fields reported
    [
      'L3 procurement 40,000 below L2 50,000',
      (p) => void (p.tiers[3].anyOf[0] = gte('annual_procurement_usd', 40_000)),
      ['tiers[3].anyOf[0].value'],
    ],
    [
      'L4 procurement 100,000 below L3 150,000',
      (p) => void (p.tiers[4].anyOf[0] = gte('annual_procurement_usd', 100_000)),
      ['tiers[4].anyOf[0].value'],
    ],
    ['L2 GMV 500 below L1 1,000', (p) => void (p.tiers[2].anyOf[1] = gte('platformGmvUsd12m', 500)), ['tiers[2].anyOf[1].value']],
    [
      'L4 revenue > 499,998 below L3 ≥ 500,000',
      (p) => void (p.tiers[4].anyOf[1] = { field: 'annual_revenue_usd', op: 'gt', value: 499_998 }),
      ['tiers[4].anyOf[1].value'],
    ],
    ['L4 age 1 below L3 age 2', (p) => void (p.tiers[4].requires[1] = gte('business_age_years', 1)), ['tiers[4].requires[1].value']],
    ['discount 101 %', (p) => void (p.tiers[2].benefits.freightDiscountPercent = 101), ['tiers[2].benefits.freightDiscountPercent']],
    ['discount −1 %', (p) => void (p.tiers[1].benefits.freightDiscountPercent = -1), ['tiers[1].benefits.freightDiscountPercent']],
    [
      'discount 2.555 % (not whole bps)',
      (p) => void (p.tiers[2].benefits.freightDiscountPercent = 2.555),
      ['tiers[2].benefits.freightDiscountPercent'],
    ],
    ['quote validity 0 h', (p) => void (p.tiers[1].benefits.quoteValidityHours = 0), ['tiers[1].benefits.quoteValidityHours']],
    ['quote validity 1.5 h', (p) => void (p.tiers[3].benefits.quoteValidityHours = 1.5), ['tiers[3].benefits.quoteValidityHours']],
    ['empty name', (p) => void (p.tiers[0].name = '  '), ['tiers[0].name']],
    ['negative threshold', (p) => void (p.tiers[3].anyOf[2] = gte('employee_count', -1)), ['tiers[3].anyOf[2].value']],
    ['fractional threshold', (p) => void (p.tiers[3].anyOf[2] = gte('employee_count', 50.5)), ['tiers[3].anyOf[2].value']],
    ['version 0', (p) => void (p.version = 0), ['version']],
    ['four tiers', (p) => void p.tiers.pop(), ['tiers']],
    ['six tiers', (p) => void p.tiers.push(structuredClone(p.tiers[4])), ['tiers']],
    ['a condition on L0', (p) => void p.tiers[0].requires.push(reg), ['tiers[0].requires']],
    [
      'an unknown field',
      (p) => void (p.tiers[2].anyOf[0] = { field: 'shoe_size', op: 'gte', value: 1 } as never),
      ['tiers[2].anyOf[0].field'],
    ],
    [
      'an unknown operator',
      (p) => void (p.tiers[2].anyOf[0] = { field: 'employee_count', op: 'lt', value: 1 } as never),
      ['tiers[2].anyOf[0].op'],
    ],
  ])('%s', (_, edit, fields) => {
    expect(validateTierPolicy(edited(edit)).map((e) => e.field)).toEqual(fields);
  });

  it('reports tiers out of order', () => {
    const errors = validateTierPolicy(edited((p) => p.tiers.reverse()));
    expect(errors).toEqual(expect.arrayContaining([{ field: 'tiers[0].tier', message: expect.stringContaining('L0') }]));
    expect(errors.map((e) => e.field)).toContain('tiers[4].tier');
  });

  it.each<[string, (p: TierPolicy) => void]>([
    ['equal thresholds on consecutive tiers', (p) => void (p.tiers[3].anyOf[0] = gte('annual_procurement_usd', 300_000))],
    ['a metric only a higher tier uses', (p) => void p.tiers[4].anyOf.push(gte('employee_count', 500))],
    [
      'L4 revenue > 499,999 (i.e. ≥ 500,000, equal to L3)',
      (p) => void (p.tiers[4].anyOf[1] = { field: 'annual_revenue_usd', op: 'gt', value: 499_999 }),
    ],
    [
      'discount 100 % and 2.5 %',
      (p) => void ((p.tiers[4].benefits.freightDiscountPercent = 100), (p.tiers[2].benefits.freightDiscountPercent = 2.5)),
    ],
  ])('accepts %s', (_, edit) => {
    expect(validateTierPolicy(edited(edit))).toEqual([]);
  });
});
