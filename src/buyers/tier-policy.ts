/**
 * The buyer tier policy as versioned data (SPEC §3.2, §3.4). Pure: no Nest, no TypeORM, no I/O.
 * Admins publish new versions; tier-evaluation.ts reads whichever version is current and records it.
 */

export const TIERS = ['L0', 'L1', 'L2', 'L3', 'L4'] as const;
export type TierCode = (typeof TIERS)[number];

/** 0 for L0 … 4 for L4; compare ranks, never tier strings. */
export function tierRank(tier: TierCode): number {
  return TIERS.indexOf(tier);
}

/**
 * Numbers a condition can compare. Evidence types keep their names; GMV is computed by the platform
 * and age is derived from the counted business_registration (`currentYear − yearEstablished`).
 */
export const METRIC_FIELDS = [
  'annual_procurement_usd',
  'annual_revenue_usd',
  'employee_count',
  'platformGmvUsd12m',
  'business_age_years',
] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];

/** `gt` exists because §3.2 asks for revenue strictly above 1,000,000 for L4. */
export type ThresholdOp = 'gte' | 'gt';

export type TierCondition = { field: 'business_registration'; op: 'verified' } | { field: MetricField; op: ThresholdOp; value: number };

export interface TierBenefits {
  /** 0–100, at most two decimals so that it is a whole number of basis points. */
  freightDiscountPercent: number;
  quoteValidityHours: number;
  /** Late-delivery compensation paid without a claim (§3.4 "automatic"). */
  automaticCompensation: boolean;
}

/** A tier holds when every `requires` condition holds and, unless `anyOf` is empty, at least one of `anyOf`. */
export interface TierDefinition {
  tier: TierCode;
  name: string;
  requires: TierCondition[];
  anyOf: TierCondition[];
  benefits: TierBenefits;
}

export interface TierPolicy {
  version: number;
  /** Exactly L0..L4, in order. */
  tiers: TierDefinition[];
}

export interface FieldError {
  field: string;
  message: string;
}

/** Percent → basis points; rounded because 0.07 × 100 is 7.000000000000001 in floats. */
export function discountBps(benefits: TierBenefits): number {
  return Math.round(benefits.freightDiscountPercent * 100);
}

export function tierDefinition(policy: TierPolicy, tier: TierCode): TierDefinition {
  const def = policy.tiers.find((t) => t.tier === tier);
  if (!def) throw new RangeError(`tier ${tier} is not in policy version ${policy.version}`);
  return def;
}

const registration: TierCondition = { field: 'business_registration', op: 'verified' };
const atLeast = (field: MetricField, value: number): TierCondition => ({ field, op: 'gte', value });
const benefits = (percent: number, hours: number, automatic: boolean): TierBenefits => ({
  freightDiscountPercent: percent,
  quoteValidityHours: hours,
  automaticCompensation: automatic,
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** §3.2 and §3.4 verbatim. Frozen: a new version is a new object, never an edit of this one. */
export const DEFAULT_TIER_POLICY: TierPolicy = deepFreeze({
  version: 1,
  tiers: [
    { tier: 'L0', name: 'Standard', requires: [], anyOf: [], benefits: benefits(0, 24, false) },
    {
      tier: 'L1',
      name: 'Silver',
      requires: [],
      anyOf: [registration, atLeast('platformGmvUsd12m', 1_000)],
      benefits: benefits(0, 24, false),
    },
    {
      tier: 'L2',
      name: 'Gold',
      requires: [registration],
      anyOf: [atLeast('annual_procurement_usd', 50_000), atLeast('platformGmvUsd12m', 10_000)],
      benefits: benefits(2, 48, false),
    },
    {
      tier: 'L3',
      name: 'Platinum',
      requires: [registration, atLeast('business_age_years', 2)],
      anyOf: [atLeast('annual_procurement_usd', 150_000), atLeast('annual_revenue_usd', 500_000), atLeast('employee_count', 50)],
      benefits: benefits(4, 72, true),
    },
    {
      tier: 'L4',
      name: 'Pro',
      requires: [registration, atLeast('business_age_years', 2)],
      anyOf: [
        atLeast('annual_procurement_usd', 300_000),
        { field: 'annual_revenue_usd', op: 'gt', value: 1_000_000 },
        atLeast('platformGmvUsd12m', 300_000),
      ],
      benefits: benefits(6, 72, true),
    },
  ],
});

const isNonNegativeInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isPositiveInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/** Field errors (`tiers[3].anyOf[0].value`, …) for an admin-published policy; empty means valid. */
export function validateTierPolicy(policy: TierPolicy): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });

  if (!isPositiveInt(policy.version)) add('version', 'must be a positive integer');
  if (!Array.isArray(policy.tiers) || policy.tiers.length !== TIERS.length) {
    add('tiers', `must list exactly ${TIERS.length} tiers, ${TIERS.join(', ')}, in order`);
    return errors;
  }
  policy.tiers.forEach((def, i) => {
    const at = `tiers[${i}]`;
    if (def.tier !== TIERS[i]) add(`${at}.tier`, `must be ${TIERS[i]}: tiers are listed L0..L4 in order`);
    if (typeof def.name !== 'string' || def.name.trim() === '') add(`${at}.name`, 'must not be empty');
    for (const list of ['requires', 'anyOf'] as const) {
      if (!Array.isArray(def[list])) add(`${at}.${list}`, 'must be a list of conditions');
      else def[list].forEach((c, j) => validateCondition(c, `${at}.${list}[${j}]`, add));
    }
    // L0 is the floor every registered buyer stands on; a condition there could leave a buyer tierless.
    if (i === 0 && (def.requires?.length || def.anyOf?.length)) {
      add(`${at}.requires`, 'L0 holds for every registered buyer and takes no conditions');
    }
    validateBenefits(def.benefits, `${at}.benefits`, add);
  });
  validateOrdering(policy.tiers, add);
  return errors;
}

function validateCondition(c: TierCondition, at: string, add: (f: string, m: string) => void): void {
  if (c?.field === 'business_registration') {
    if (c.op !== 'verified') add(`${at}.op`, "must be 'verified' for business_registration");
    return;
  }
  if (!METRIC_FIELDS.includes(c?.field)) {
    add(`${at}.field`, `must be business_registration or one of ${METRIC_FIELDS.join(', ')}`);
    return;
  }
  if (c.op !== 'gte' && c.op !== 'gt') add(`${at}.op`, "must be 'gte' or 'gt'");
  if (!isNonNegativeInt(c.value)) add(`${at}.value`, 'must be a non-negative integer');
}

function validateBenefits(b: TierBenefits, at: string, add: (f: string, m: string) => void): void {
  const p = b?.freightDiscountPercent;
  const wholeBps = typeof p === 'number' && Math.abs(p * 100 - Math.round(p * 100)) < 1e-9;
  if (typeof p !== 'number' || !(p >= 0 && p <= 100) || !wholeBps) {
    add(`${at}.freightDiscountPercent`, 'must be a percentage from 0 to 100 with at most two decimals');
  }
  if (!isPositiveInt(b?.quoteValidityHours)) add(`${at}.quoteValidityHours`, 'must be a positive whole number of hours');
  if (typeof b?.automaticCompensation !== 'boolean') add(`${at}.automaticCompensation`, 'must be true or false');
}

/** A higher tier may not ask less of a metric than a lower tier does (`gt n` counts as `gte n + 1`). */
function validateOrdering(tiers: TierDefinition[], add: (f: string, m: string) => void): void {
  for (const field of METRIC_FIELDS) {
    let floor: { min: number; tier: string } | null = null;
    for (const [i, def] of tiers.entries()) {
      let highest: number | null = null;
      for (const list of ['requires', 'anyOf'] as const) {
        if (!Array.isArray(def[list])) continue;
        for (const [j, c] of def[list].entries()) {
          if (c?.field !== field || !isNonNegativeInt(c.value) || (c.op !== 'gte' && c.op !== 'gt')) continue;
          const min = c.op === 'gt' ? c.value + 1 : c.value;
          if (floor && min < floor.min) {
            add(`tiers[${i}].${list}[${j}].value`, `${field} must not ask less than ${floor.tier} does (at least ${floor.min})`);
          }
          highest = Math.max(highest ?? min, min);
        }
      }
      if (highest !== null && (!floor || highest > floor.min)) floor = { min: highest, tier: String(def.tier) };
    }
  }
}
