/**
 * Buyer tier evaluation (SPEC §3.1, §3.3): evidence + platform GMV + a policy in, a tier out.
 * Pure: no Nest, no TypeORM, no I/O; `now` is an argument so expiry and age are testable.
 */
import { isUnexpired } from './evidence-expiry';
import { type MetricField, type TierCode, type TierCondition, type TierDefinition, type TierPolicy } from './tier-policy';

export { TIERS, tierRank } from './tier-policy';
export type { TierCode } from './tier-policy';

export type EvidenceType = 'business_registration' | 'annual_procurement_usd' | 'annual_revenue_usd' | 'employee_count';
export type EvidenceStatus = 'pending' | 'verified' | 'rejected';

export interface BusinessRegistration {
  registrationNumber: string;
  legalName: string;
  country: string;
  yearEstablished: number;
}

export interface TierEvidence {
  id: string;
  type: EvidenceType;
  /** BusinessRegistration for business_registration, a non-negative integer otherwise. */
  value: unknown;
  status: EvidenceStatus;
  verifiedAt: Date | null;
  expiresAt: Date | null;
}

export type BasisItem =
  { evidenceId: string; type: EvidenceType; value: unknown } | { source: 'platform_gmv'; type: 'platformGmvUsd12m'; value: number };

/** Why nothing counts for a field: nothing submitted, awaiting review, lapsed, or refused. */
export type AbsentState = 'missing' | 'pending' | 'expired' | 'rejected';

export interface MissingCondition {
  field: 'business_registration' | MetricField;
  op: TierCondition['op'];
  required: 'verified' | number;
  actual: number | AbsentState;
  /** `requires`: must be met; `anyOf`: meeting any one entry of this group is enough. */
  group: 'requires' | 'anyOf';
}

export interface NextTier {
  tier: TierCode;
  name: string;
  missing: MissingCondition[];
  summary: string;
}

export interface TierEvaluation {
  tier: TierCode;
  name: string;
  policyVersion: number;
  basis: BasisItem[];
  validUntil: Date | null;
  next: NextTier | null;
}

/** What counts at one instant: the most favourable verified, unexpired item per field. */
interface Facts {
  registration: BasisItem | null;
  metrics: Partial<Record<MetricField, { value: number; basis: BasisItem }>>;
}

const counts = (e: TierEvidence, at: Date): boolean => e.status === 'verified' && isUnexpired(e.expiresAt, at) && hasValidValue(e);

function hasValidValue(e: TierEvidence): boolean {
  if (e.type !== 'business_registration') return Number.isSafeInteger(e.value) && (e.value as number) >= 0;
  const v = e.value as Partial<BusinessRegistration> | null;
  return typeof v === 'object' && v !== null && Number.isSafeInteger(v.yearEstablished);
}

/** Highest score wins; on a tie the later expiry (null = never) so the tier lasts as long as it can. */
function best(items: TierEvidence[], score: (e: TierEvidence) => number): TierEvidence | null {
  const expiry = (e: TierEvidence) => e.expiresAt?.getTime() ?? Infinity;
  return items.reduce<TierEvidence | null>((top, e) => {
    if (!top) return e;
    const diff = score(e) - score(top);
    return diff > 0 || (diff === 0 && expiry(e) > expiry(top)) ? e : top;
  }, null);
}

const basisOf = (e: TierEvidence): BasisItem => ({ evidenceId: e.id, type: e.type, value: e.value });

/** `year` is fixed by the caller: validUntil looks only at evidence expiry, not at birthdays. */
function factsAt(evidence: TierEvidence[], gmvUsd12m: number, at: Date, year: number): Facts {
  const counted = evidence.filter((e) => counts(e, at));
  const ofType = (type: EvidenceType) => counted.filter((e) => e.type === type);
  const founded = (e: TierEvidence) => (e.value as BusinessRegistration).yearEstablished;

  const facts: Facts = { registration: null, metrics: {} };
  const reg = best(ofType('business_registration'), (e) => -founded(e)); // oldest business = largest age
  if (reg) {
    facts.registration = basisOf(reg);
    facts.metrics.business_age_years = { value: year - founded(reg), basis: facts.registration };
  }
  for (const type of ['annual_procurement_usd', 'annual_revenue_usd', 'employee_count'] as const) {
    const top = best(ofType(type), (e) => e.value as number);
    if (top) facts.metrics[type] = { value: top.value as number, basis: basisOf(top) };
  }
  const gmv: BasisItem = { source: 'platform_gmv', type: 'platformGmvUsd12m', value: gmvUsd12m };
  facts.metrics.platformGmvUsd12m = { value: gmvUsd12m, basis: gmv };
  return facts;
}

function holds(c: TierCondition, facts: Facts): boolean {
  if (c.field === 'business_registration') return facts.registration !== null;
  const fact = facts.metrics[c.field];
  return fact !== undefined && (c.op === 'gt' ? fact.value > c.value : fact.value >= c.value);
}

const tierHolds = (def: TierDefinition, facts: Facts): boolean =>
  def.requires.every((c) => holds(c, facts)) && (def.anyOf.length === 0 || def.anyOf.some((c) => holds(c, facts)));

/** Index of the highest tier whose conditions hold; L0 when none does. */
function rankFor(policy: TierPolicy, facts: Facts): number {
  for (let i = policy.tiers.length - 1; i > 0; i--) if (tierHolds(policy.tiers[i], facts)) return i;
  return 0;
}

export function evaluate(evidence: TierEvidence[], gmvUsd12m: number, now: Date, policy: TierPolicy): TierEvaluation {
  const year = now.getUTCFullYear();
  const facts = factsAt(evidence, gmvUsd12m, now, year);
  const rank = rankFor(policy, facts);
  const def = policy.tiers[rank];
  const above = policy.tiers[rank + 1];
  return {
    tier: def.tier,
    name: def.name,
    policyVersion: policy.version,
    basis: basisFor(def, facts),
    validUntil: validUntil(evidence, gmvUsd12m, now, year, policy, rank),
    next: above ? nextTier(above, facts, evidence) : null,
  };
}

/** The items behind every condition that holds (all of `requires`, the satisfied ones of `anyOf`). */
function basisFor(def: TierDefinition, facts: Facts): BasisItem[] {
  const items = new Map<string, BasisItem>();
  for (const c of [...def.requires, ...def.anyOf]) {
    if (!holds(c, facts)) continue;
    const item = c.field === 'business_registration' ? facts.registration : facts.metrics[c.field]?.basis;
    if (item) items.set('evidenceId' in item ? item.evidenceId : item.source, item);
  }
  return [...items.values()];
}

/**
 * Re-evaluate at each expiry instant of counted evidence, earliest first, and report the first one
 * that lowers the tier. Checking every instant (not only the basis items') lets a second-best item
 * of the same type carry the tier past the best one's expiry.
 */
function validUntil(evidence: TierEvidence[], gmvUsd12m: number, now: Date, year: number, policy: TierPolicy, rank: number): Date | null {
  const instants = new Set<number>();
  for (const e of evidence) if (e.expiresAt && counts(e, now)) instants.add(e.expiresAt.getTime());
  for (const t of [...instants].sort((a, b) => a - b)) {
    const at = new Date(t);
    if (rankFor(policy, factsAt(evidence, gmvUsd12m, at, year)) < rank) return at;
  }
  return null;
}

const EVIDENCE_FOR: Record<MetricField, EvidenceType | null> = {
  annual_procurement_usd: 'annual_procurement_usd',
  annual_revenue_usd: 'annual_revenue_usd',
  employee_count: 'employee_count',
  business_age_years: 'business_registration',
  platformGmvUsd12m: null,
};

/** Says why nothing counts, so the buyer knows whether to submit, wait, or resubmit. */
function absentState(evidence: TierEvidence[], type: EvidenceType | null): AbsentState {
  const ofType = evidence.filter((e) => e.type === type);
  if (ofType.some((e) => e.status === 'pending')) return 'pending';
  if (ofType.some((e) => e.status === 'verified')) return 'expired';
  if (ofType.some((e) => e.status === 'rejected')) return 'rejected';
  return 'missing';
}

function missingEntry(c: TierCondition, group: MissingCondition['group'], facts: Facts, evidence: TierEvidence[]): MissingCondition {
  if (c.field === 'business_registration') {
    return { field: c.field, op: c.op, required: 'verified', actual: absentState(evidence, c.field), group };
  }
  const actual = facts.metrics[c.field]?.value ?? absentState(evidence, EVIDENCE_FOR[c.field]);
  return { field: c.field, op: c.op, required: c.value, actual, group };
}

function nextTier(def: TierDefinition, facts: Facts, evidence: TierEvidence[]): NextTier {
  const missing = def.requires.filter((c) => !holds(c, facts)).map((c) => missingEntry(c, 'requires', facts, evidence));
  // Every alternative is listed when none holds: any one of them would do.
  if (def.anyOf.length > 0 && !def.anyOf.some((c) => holds(c, facts))) {
    missing.push(...def.anyOf.map((c) => missingEntry(c, 'anyOf', facts, evidence)));
  }
  return { tier: def.tier, name: def.name, missing, summary: summarize(def, missing) };
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const ABSENT_WORDS: Record<AbsentState, string> = { missing: 'none', pending: 'pending review', expired: 'expired', rejected: 'rejected' };

function phrase(m: MissingCondition): string {
  const bound = m.op === 'gt' ? 'more than' : 'at least';
  const req = thousands(m.required as number);
  const now = (unit: (n: number) => string) => (typeof m.actual === 'number' ? unit(m.actual) : ABSENT_WORDS[m.actual]);
  const usd = (n: number) => `USD ${thousands(n)}`;
  switch (m.field) {
    case 'business_registration':
      return `a verified business registration (now ${m.actual === 'missing' ? 'missing' : ABSENT_WORDS[m.actual as AbsentState]})`;
    case 'annual_procurement_usd':
      return `verified annual procurement of ${bound} USD ${req} (now ${now(usd)})`;
    case 'annual_revenue_usd':
      return `verified annual revenue of ${bound} USD ${req} (now ${now(usd)})`;
    case 'employee_count':
      return `${bound} ${req} verified employees (now ${now(thousands)})`;
    case 'platformGmvUsd12m':
      return `platform GMV of ${bound} USD ${req} in 12 months (now ${now(usd)})`;
    case 'business_age_years': {
      const years = (n: number) => `${n} year${n === 1 ? '' : 's'}`;
      const actual = typeof m.actual === 'number' ? years(m.actual) : 'unknown without a verified business registration';
      return `a business ${bound} ${years(m.required as number)} old (now ${actual})`;
    }
  }
}

/** E.g. "To reach L2 (Gold): one of verified annual procurement of at least USD 50,000 (now USD 20,000) or …". */
function summarize(def: TierDefinition, missing: MissingCondition[]): string {
  const list = (parts: string[]) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);
  const required = missing.filter((m) => m.group === 'requires').map(phrase);
  const alternatives = missing.filter((m) => m.group === 'anyOf').map(phrase);
  const either = alternatives.length < 2 ? alternatives : [`one of ${alternatives.slice(0, -1).join(', ')} or ${alternatives.at(-1)}`];
  return `To reach ${def.tier} (${def.name}): ${list([...required, ...either])}.`;
}
