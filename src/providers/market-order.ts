/**
 * Order of the market listing and the scorecard figures, SPEC §4.5. Pure: the service loads the
 * listed providers and their counts, then sorts with these.
 */
import { mulDivHalfUp } from '../common/money';
import { ON_TIME_MIN_DELIVERED } from './qualification';

/** What ordering needs; generic callers keep their extra fields (lanes, scorecard…). */
export interface MarketOrderFields {
  id: string;
  legalName: string;
  demotedUntil: Date | null;
  onTimeRate90d: number | null;
}

/** A provider without a rating is ranked as if exactly at the qualification bar (§4.5). */
export const UNRATED_ON_TIME_RATE = 0.85;

const isDemoted = (e: MarketOrderFields, now: Date) => e.demotedUntil !== null && e.demotedUntil.getTime() > now.getTime();

/** Demoted last; then on-time rate descending (unrated = 0.85); then legalName; then id. */
export function compareMarketEntries<T extends MarketOrderFields>(a: T, b: T, now: Date): number {
  const demoted = Number(isDemoted(a, now)) - Number(isDemoted(b, now));
  if (demoted !== 0) return demoted;
  const rate = (b.onTimeRate90d ?? UNRATED_ON_TIME_RATE) - (a.onTimeRate90d ?? UNRATED_ON_TIME_RATE);
  if (rate !== 0) return rate;
  // Code-unit comparison, not localeCompare: the order must not depend on the server's ICU data.
  if (a.legalName !== b.legalName) return a.legalName < b.legalName ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** A sorted copy; the input is left as it was. */
export function sortMarketEntries<T extends MarketOrderFields>(entries: readonly T[], now: Date): T[] {
  return [...entries].sort((a, b) => compareMarketEntries(a, b, now));
}

export interface Scorecard {
  /** 0–1 rounded half-up to 4 decimals, or null while unrated. */
  onTimeRate90d: number | null;
  delivered90d: number;
  late90d: number;
  activePoints: number;
}

/**
 * The §10 scorecard. "Unrated" means fewer than 20 deliveries in the 90-day window — the same bar
 * at which §4.3 starts judging on-time performance — so a provider is never ranked on a rate that
 * qualification would not yet hold against it (1 late of 2 would otherwise show 0.5).
 */
export function scorecard(delivered90d: number, late90d: number, activePoints: number): Scorecard {
  const onTimeRate90d = delivered90d >= ON_TIME_MIN_DELIVERED ? mulDivHalfUp(delivered90d - late90d, 10_000, delivered90d) / 10_000 : null;
  return { onTimeRate90d, delivered90d, late90d, activePoints };
}
