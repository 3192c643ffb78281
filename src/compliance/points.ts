/**
 * Violation points (SPEC §7) as data, plus the pure arithmetic of the rolling-year ledger and its
 * thresholds. No Nest, no TypeORM; `now` is always an argument.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);

/** The §7 table: code → points. */
export const VIOLATION_POINTS = {
  late_delivery: 1,
  shipping_obligation_remedied: 2,
  shipping_obligation_unremedied: 4,
  provider_cancelled: 4,
  shipment_lost: 2,
  serious_price_manipulation: 6,
  serious_off_platform_diversion: 6,
  forged_evidence: 12,
} as const satisfies Record<string, number>;

export type ViolationCode = keyof typeof VIOLATION_POINTS;
export const VIOLATION_CODES = Object.keys(VIOLATION_POINTS) as ViolationCode[];

/** Codes only an admin records; the rest are recorded by the system. */
export const ADMIN_VIOLATION_CODES = [
  'serious_price_manipulation',
  'serious_off_platform_diversion',
  'forged_evidence',
] as const satisfies readonly ViolationCode[];
export type AdminViolationCode = (typeof ADMIN_VIOLATION_CODES)[number];

/** Codes that also demote the provider in ranking, and for how long. */
export const DEMOTION_DAYS: Readonly<Partial<Record<ViolationCode, number>>> = {
  serious_price_manipulation: 7,
  serious_off_platform_diversion: 7,
};

/** Entries count for a rolling year. */
export const ENTRY_VALIDITY_DAYS = 365;

export type ThresholdAction = 'warning' | 'restrict' | 'terminate';
export interface Threshold {
  points: number;
  action: ThresholdAction;
  restrictDays: number;
  deactivateLanes: boolean;
}

/** The §7 threshold table, ascending. */
export const THRESHOLDS: readonly Threshold[] = [
  { points: 6, action: 'warning', restrictDays: 0, deactivateLanes: false },
  { points: 12, action: 'restrict', restrictDays: 7, deactivateLanes: false },
  { points: 24, action: 'restrict', restrictDays: 14, deactivateLanes: false },
  { points: 36, action: 'restrict', restrictDays: 21, deactivateLanes: true },
  { points: 48, action: 'terminate', restrictDays: 0, deactivateLanes: false },
];

export function entryExpiry(createdAt: Date): Date {
  return addDays(createdAt, ENTRY_VALIDITY_DAYS);
}

/**
 * An entry counts while `now` is before its expiry; an entry expiring exactly at `now` no longer
 * counts. The ledger's SQL (ViolationsRepository) states the same condition on `expires_at`, which
 * is always written by `entryExpiry`; a test runs both on the same rows.
 */
export function isActiveEntry(entry: { expiresAt: Date }, now: Date): boolean {
  return entry.expiresAt.getTime() > now.getTime();
}

/** Active points (§7): the sum of the entries active at `now` (the compliance answer's figure). */
export function activePoints(entries: readonly { points: number; expiresAt: Date }[], now: Date): number {
  return entries.reduce((sum, e) => (isActiveEntry(e, now) ? sum + e.points : sum), 0);
}

export interface ProviderSanctions {
  restrictedUntil: Date | null;
  terminated: boolean;
}

export interface EntryOutcome {
  /** The threshold whose action is taken now (the highest one crossed), or null. */
  crossed: Threshold | null;
  /** Record a warning now. */
  warning: boolean;
  /** The provider's restriction end after this entry (never earlier than the one already running). */
  restrictedUntil: Date | null;
  /** Deactivate all the provider's lanes now. */
  deactivateLanes: boolean;
  /** Whether the provider is terminated after this entry (termination is never undone here). */
  terminate: boolean;
}

/**
 * A threshold t is crossed when before < t ≤ after, so it fires once per crossing: it fires again only
 * after expiries have brought active points back below it. When one entry crosses several thresholds
 * only the highest one's action is taken (10 → 37 restricts 21 days and deactivates lanes, no warning).
 */
export function applyEntry(input: { before: number; after: number; current: ProviderSanctions; now: Date }): EntryOutcome {
  const { before, after, current, now } = input;
  const crossed = [...THRESHOLDS].reverse().find((t) => before < t.points && t.points <= after) ?? null;

  let restrictedUntil = current.restrictedUntil;
  if (crossed?.action === 'restrict') {
    restrictedUntil = laterOf(restrictedUntil, addDays(now, crossed.restrictDays));
  }
  return {
    crossed,
    warning: crossed?.action === 'warning',
    restrictedUntil,
    deactivateLanes: crossed?.deactivateLanes ?? false,
    terminate: current.terminated || crossed?.action === 'terminate',
  };
}

/** Ranking demotion after recording `code`: serious codes demote for 7 days from now, the later end wins. */
export function demotionUntil(code: ViolationCode, now: Date, current: Date | null): Date | null {
  const days = DEMOTION_DAYS[code];
  return days === undefined ? current : laterOf(current, addDays(now, days));
}

function laterOf(a: Date | null, b: Date): Date {
  return a && a.getTime() > b.getTime() ? a : b;
}

/** The compliance `month` (YYYY-MM) as the UTC instants [from, to) its entries were created in. */
export function monthWindow(month: string): { from: Date; to: Date } {
  const from = new Date(`${month}-01T00:00:00Z`);
  return { from, to: new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1)) };
}
