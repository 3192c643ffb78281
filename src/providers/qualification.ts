/**
 * Entry qualification (入驻资质), SPEC §4.1 and §4.3. Pure: the service loads documents, lanes,
 * delivery counts and points, calls `evaluateQualification`, then stores `nextStatus(...)`.
 */
import { MODES, type Mode } from './rate-card';
import { utcDate } from '../common/calendar';

export type { Mode };

export type DocumentType = 'business_license' | 'freight_licence' | 'liability_insurance';
export type DocumentStatus = 'pending' | 'verified' | 'rejected';

export interface QualificationDocument {
  id: string;
  type: DocumentType;
  /** Freight licences only: the modes the licence covers. */
  modes: Mode[] | null;
  /** Liability insurance only. */
  coverageUsd: number | null;
  issuedAt: Date;
  expiresAt: Date;
  status: DocumentStatus;
}

export interface QualificationInput {
  documents: QualificationDocument[];
  activeLanes: { destinationCountry: string; mode: Mode }[];
  activePoints: number;
  terminated: boolean;
  delivered90d: number;
  onTime90d: number;
}

export type RequirementCode = DocumentType | 'market_coverage' | 'on_time_performance' | 'violation_points';
export type Outcome = 'pass' | 'fail' | 'warning';

export interface RequirementResult {
  code: RequirementCode;
  outcome: Outcome;
  message: string;
}

export interface QualificationOutcome {
  qualified: boolean;
  results: RequirementResult[];
}

export const SEMI_MANAGED_MARKETS: readonly string[] = ['US', 'CA', 'MX', 'GB', 'FR', 'DE'];
export const MIN_COVERAGE_USD = 100_000;
/** On-time rate is judged only from this many deliveries in the 90-day window (also §4.5's "unrated"). */
export const ON_TIME_MIN_DELIVERED = 20;
export const ON_TIME_MIN_PERCENT = 85;
export const POINTS_LIMIT = 36;
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;
const LABEL: Record<DocumentType, string> = {
  business_license: 'Business licence',
  freight_licence: 'Freight licence',
  liability_insurance: 'Liability insurance',
};

// Thousands separators by hand: toLocaleString would depend on the runtime's ICU data.
const usd = (n: number) => `USD ${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
const unexpired = (doc: QualificationDocument, now: Date) => doc.expiresAt.getTime() > now.getTime();

/**
 * A document "counts" when it can satisfy its requirement on its own: verified, unexpired, and for
 * insurance with enough cover. Only counting documents earn an expiry warning; a pending or
 * inadequate one is already reported by the requirement itself.
 */
function counts(doc: QualificationDocument, now: Date): boolean {
  if (doc.status !== 'verified' || !unexpired(doc, now)) return false;
  return doc.type !== 'liability_insurance' || (doc.coverageUsd ?? 0) >= MIN_COVERAGE_USD;
}

/** The result of each requirement in the order of the §4.3 table, each followed by its warnings. */
export function evaluateQualification(input: QualificationInput, now: Date): QualificationOutcome {
  const results: RequirementResult[] = [];
  for (const type of ['business_license', 'freight_licence', 'liability_insurance'] as const) {
    results.push(documentRequirement(type, input, now), ...expiryWarnings(type, input.documents, now));
  }
  results.push(marketCoverage(input), onTimePerformance(input), violationPoints(input));
  return { qualified: results.every((r) => r.outcome !== 'fail'), results };
}

function documentRequirement(type: DocumentType, input: QualificationInput, now: Date): RequirementResult {
  const docs = input.documents.filter((d) => d.type === type);
  const valid = docs.filter((d) => counts(d, now));
  const pass = (message: string): RequirementResult => ({ code: type, outcome: 'pass', message });
  const fail = (message: string): RequirementResult => ({ code: type, outcome: 'fail', message });

  if (type === 'freight_licence') {
    const used = MODES.filter((m) => input.activeLanes.some((l) => l.mode === m));
    if (used.length === 0) return pass('No active lanes, so no freight licence is required');
    if (valid.length === 0) return fail(`${missing(type, docs, now)}; active lanes use ${used.join(', ')}`);
    const uncovered = used.filter((m) => !valid.some((d) => (d.modes ?? []).includes(m)));
    if (uncovered.length > 0) return fail(`Freight licence does not cover ${uncovered.join(', ')}`);
    return pass(`Freight licence covers ${used.join(', ')}`);
  }

  if (valid.length > 0) {
    const best = latestExpiring(valid);
    return type === 'liability_insurance'
      ? pass(`Liability insurance covers ${usd(best.coverageUsd ?? 0)} until ${utcDate(best.expiresAt)}`)
      : pass(`Business licence is valid until ${utcDate(best.expiresAt)}`);
  }
  if (type === 'liability_insurance') {
    const low = docs.filter((d) => d.status === 'verified' && unexpired(d, now));
    if (low.length > 0) {
      const cover = Math.max(...low.map((d) => d.coverageUsd ?? 0));
      return fail(`Liability insurance covers ${usd(cover)}, below the required ${usd(MIN_COVERAGE_USD)}`);
    }
  }
  return fail(missing(type, docs, now));
}

/** Why there is no usable document, naming the most actionable fact first. */
function missing(type: DocumentType, docs: QualificationDocument[], now: Date): string {
  const label = LABEL[type];
  if (docs.some((d) => d.status === 'pending' && unexpired(d, now))) return `${label} is awaiting review`;
  const expired = docs.filter((d) => d.status === 'verified' && !unexpired(d, now));
  if (expired.length > 0) return `${label} expired on ${utcDate(latestExpiring(expired).expiresAt)}`;
  if (docs.some((d) => d.status === 'rejected')) return `${label} was rejected`;
  return `No verified, unexpired ${label.toLowerCase()}`;
}

function expiryWarnings(type: DocumentType, docs: QualificationDocument[], now: Date): RequirementResult[] {
  return docs
    .filter((d) => d.type === type && counts(d, now))
    .filter((d) => d.expiresAt.getTime() - now.getTime() <= EXPIRY_WARNING_DAYS * DAY_MS)
    .map((d) => ({
      code: type,
      outcome: 'warning' as const,
      message: `${LABEL[type]} expires on ${utcDate(d.expiresAt)}, within ${EXPIRY_WARNING_DAYS} days`,
    }));
}

function latestExpiring(docs: QualificationDocument[]): QualificationDocument {
  return docs.reduce((a, b) => (b.expiresAt.getTime() > a.expiresAt.getTime() ? b : a));
}

function marketCoverage({ activeLanes }: QualificationInput): RequirementResult {
  const reached = SEMI_MANAGED_MARKETS.filter((c) => activeLanes.some((l) => l.destinationCountry === c));
  return reached.length > 0
    ? { code: 'market_coverage', outcome: 'pass', message: `Active lanes reach ${reached.join(', ')}` }
    : { code: 'market_coverage', outcome: 'fail', message: 'No active lane to US, CA, MX, GB, FR or DE' };
}

function onTimePerformance({ delivered90d: delivered, onTime90d: onTime }: QualificationInput): RequirementResult {
  const code = 'on_time_performance';
  if (delivered < ON_TIME_MIN_DELIVERED) {
    const message = `On-time performance not yet rated (${delivered} of ${ON_TIME_MIN_DELIVERED} deliveries)`;
    return { code, outcome: 'pass', message };
  }
  // Integer comparison so that exactly 85 % is never lost to a float (17/20 = 0.85).
  const ok = onTime * 100 >= delivered * ON_TIME_MIN_PERCENT;
  // Shown rounded down to 0.1 %, so a failing 84.96 % never prints as 85.0 %.
  const shown = (Math.floor((onTime * 1000) / delivered) / 10).toFixed(1);
  const fact = `On-time rate is ${shown}% (${onTime} of ${delivered} deliveries in 90 days)`;
  return ok
    ? { code, outcome: 'pass', message: `${fact}, at least ${ON_TIME_MIN_PERCENT}%` }
    : { code, outcome: 'fail', message: `${fact}, below ${ON_TIME_MIN_PERCENT}%` };
}

function violationPoints({ activePoints, terminated }: QualificationInput): RequirementResult {
  const code = 'violation_points';
  if (terminated) return { code, outcome: 'fail', message: 'Provider is terminated' };
  return activePoints < POINTS_LIMIT
    ? { code, outcome: 'pass', message: `${activePoints} active violation points, below ${POINTS_LIMIT}` }
    : { code, outcome: 'fail', message: `${activePoints} active violation points, limit is below ${POINTS_LIMIT}` };
}

/**
 * Stored statuses. `restricted` (§4.1) is not one of them: a restriction is the `restrictedUntil`
 * date beside the status, so it ends by itself and never hides whether the requirements pass.
 */
export type ProviderStatus = 'pending' | 'qualified' | 'suspended' | 'terminated';

/** §4.1 as data: where a check leads from each status. `terminated` is set by §7 and is final. */
export const STATUS_AFTER_CHECK: Record<ProviderStatus, { pass: ProviderStatus; fail: ProviderStatus }> = {
  pending: { pass: 'qualified', fail: 'pending' },
  qualified: { pass: 'qualified', fail: 'suspended' },
  suspended: { pass: 'qualified', fail: 'suspended' },
  terminated: { pass: 'terminated', fail: 'terminated' },
};

export function nextStatus(current: ProviderStatus, qualified: boolean): ProviderStatus {
  return STATUS_AFTER_CHECK[current][qualified ? 'pass' : 'fail'];
}

/** Listed, quoted and bookable (§4.1): qualified and no restriction still running. */
/**
 * §11: a restriction ending is the passage of time, written nowhere, so it is announced
 * (`provider.status_changed`) by the first qualification check at or after `restrictedUntil`: the
 * restriction has ended by `now` and had not yet when the provider was last checked (never checked
 * counts as not yet). Every later check has `previousCheckAt` past it, so it is announced once.
 */
export function restrictionEndedSince(restrictedUntil: Date | null, previousCheckAt: Date | null, now: Date): boolean {
  if (restrictedUntil === null || restrictedUntil.getTime() > now.getTime()) return false;
  return previousCheckAt === null || previousCheckAt.getTime() < restrictedUntil.getTime();
}

export function isListed(provider: { status: ProviderStatus; restrictedUntil: Date | null }, now: Date): boolean {
  return provider.status === 'qualified' && (provider.restrictedUntil === null || provider.restrictedUntil.getTime() <= now.getTime());
}
