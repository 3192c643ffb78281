/**
 * On-time guarantee, after-sales limits and the pickup obligation (SPEC §5.4, §6.3–§6.5) as pure rules.
 * Dates are `YYYY-MM-DD` strings meaning UTC calendar days; instants are `Date`s; `now` is an argument.
 */
import { addBusinessDays, addDays, endOfDay, utcDate, type IsoDate } from '../common/calendar';
import { applyBps, type Minor } from '../common/money';
import { VIOLATION_POINTS } from '../compliance/points';
import { COMPENSATION_BPS, COMPENSATION_CAP_MINOR } from '../quotes/quote-builder';

export type { IsoDate };

/** §5.4: 10 % of the order total, at most USD 100 — the terms every option carries, defined once by quotes. */
export { COMPENSATION_BPS as LATE_COMPENSATION_BPS, COMPENSATION_CAP_MINOR as LATE_COMPENSATION_CAP_MINOR };
/** §6.3: a credit is valid 90 days; a late-delivery claim may be filed up to 30 days after guaranteedBy. */
export const CREDIT_VALIDITY_DAYS = 90;
export const LATE_CLAIM_WINDOW_DAYS = 30;
/**
 * §6.4 is silent on when a damaged or lost claim may be filed; the product's choice (README): within
 * 30 × 24 h of the delivery (damaged) or the loss (lost). Its own constant, not the late-claim window:
 * the two are different rules that happen to share a number today.
 */
export const DAMAGE_CLAIM_WINDOW_DAYS = 30;
export const LOSS_CLAIM_WINDOW_DAYS = 30;
/** §6.5: a remedy may promise pickup at most 3 business days after pickupBy. */
export const REMEDY_MAX_BUSINESS_DAYS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

// ——— §6.3 on-time guarantee ———

/** On time ⇔ the UTC date of delivery ≤ guaranteedBy (so 23:59:59Z on that day still counts). */
export function isOnTime(deliveredAt: Date, guaranteedBy: IsoDate): boolean {
  return utcDate(deliveredAt) <= guaranteedBy;
}

/** min(10 % of the total rounded half-up, USD 100). */
export function lateCreditMinor(totalMinor: Minor): Minor {
  return Math.min(applyBps(totalMinor, COMPENSATION_BPS), COMPENSATION_CAP_MINOR);
}

/** Credits expire 90 × 24 h after issue. */
export function creditExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + CREDIT_VALIDITY_DAYS * DAY_MS);
}

export type LateClaimWindow = { ok: true } | { ok: false; code: 'claim_too_early' | 'claim_window_closed' };

/**
 * A late-delivery claim may be filed from the day after guaranteedBy through guaranteedBy + 30 days,
 * both ends inclusive ("within 30 days after" read as the 30th day still being within).
 * `today` may be given as a date or as an instant (its UTC date is used).
 */
export function lateClaimWindow(guaranteedBy: IsoDate, today: IsoDate | Date): LateClaimWindow {
  const day = typeof today === 'string' ? today : utcDate(today);
  if (day <= guaranteedBy) return { ok: false, code: 'claim_too_early' };
  if (day > addDays(guaranteedBy, LATE_CLAIM_WINDOW_DAYS)) return { ok: false, code: 'claim_window_closed' };
  return { ok: true };
}

/**
 * The whole late-claim check: the window, and "not delivered on time". An order still undelivered
 * after guaranteedBy was not delivered on time, so it may be claimed (deliveredAt null).
 */
export function lateClaimEligibility(input: {
  guaranteedBy: IsoDate;
  deliveredAt: Date | null;
  today: IsoDate | Date;
}): { ok: true } | { ok: false; code: 'claim_too_early' | 'claim_window_closed' | 'claim_not_late' } {
  const window = lateClaimWindow(input.guaranteedBy, input.today);
  if (!window.ok) return window;
  if (input.deliveredAt && isOnTime(input.deliveredAt, input.guaranteedBy)) return { ok: false, code: 'claim_not_late' };
  return { ok: true };
}

// ——— §6.4 damage and loss ———

export type ClaimRefusalCode = 'claim_exists' | 'claim_not_allowed' | 'claim_too_early' | 'claim_window_closed' | 'claim_not_late';
export type ClaimEligibility = { ok: true } | { ok: false; code: ClaimRefusalCode };

/** What the claim rules need to know about an order. */
export interface ClaimableOrder {
  status: 'booked' | 'picked_up' | 'in_transit' | 'delivered' | 'cancelled' | 'lost';
  automaticCompensation: boolean;
  guaranteedBy: IsoDate;
  deliveredAt: Date | null;
  lostAt: Date | null;
}

/**
 * Whether a claim of `type` may be filed on the order now (SPEC §6.3, §6.4), each type with its own window:
 * - `late_delivery`: not when compensation is automatic (L3/L4 at booking: `claim_exists`), nor on a
 *   cancelled or lost order; then the late-claim window and "not delivered on time".
 * - `damaged`: a delivered order, within DAMAGE_CLAIM_WINDOW_DAYS × 24 h of the delivery.
 * - `lost`: a lost order, within LOSS_CLAIM_WINDOW_DAYS × 24 h of the loss.
 * One claim of a type per order is the database's unique constraint, not this rule.
 */
export function claimEligibility(type: 'late_delivery' | 'damaged' | 'lost', order: ClaimableOrder, now: Date): ClaimEligibility {
  if (type === 'late_delivery') {
    if (order.automaticCompensation) return { ok: false, code: 'claim_exists' };
    if (order.status === 'cancelled' || order.status === 'lost') return { ok: false, code: 'claim_not_allowed' };
    return lateClaimEligibility({ guaranteedBy: order.guaranteedBy, deliveredAt: order.deliveredAt, today: now });
  }
  const [needed, since, days] =
    type === 'damaged'
      ? (['delivered', order.deliveredAt, DAMAGE_CLAIM_WINDOW_DAYS] as const)
      : (['lost', order.lostAt, LOSS_CLAIM_WINDOW_DAYS] as const);
  if (order.status !== needed || !since) return { ok: false, code: 'claim_not_allowed' };
  if (now.getTime() > since.getTime() + days * DAY_MS) return { ok: false, code: 'claim_window_closed' };
  return { ok: true };
}

/** An admin may approve at most the declared value plus the order total. */
export function maxDamageApprovalMinor(declaredMinor: Minor, totalMinor: Minor): Minor {
  return declaredMinor + totalMinor;
}

// ——— §6.5 pickup obligation ———

/**
 * Breach ⇔ the pickupBy date (UTC) has ended as of `asOf` and the order was not picked up before
 * that end. A pickup after the end is still a breach: the obligation was broken when the day ended.
 * Before the day ends nothing can be assessed yet, so it is never a breach then.
 */
export function pickupBreach(pickupBy: IsoDate, asOf: Date, pickedUpAt: Date | null): boolean {
  const end = endOfDay(pickupBy).getTime();
  if (asOf.getTime() < end) return false;
  return pickedUpAt === null || pickedUpAt.getTime() >= end;
}

export type PickupBreachCode = 'shipping_obligation_remedied' | 'shipping_obligation_unremedied';

/** 2 points when a remedy was submitted before the end of the pickupBy date, else 4 (§7). */
export function remedyPoints(remedySubmittedAt: Date | null, pickupBy: IsoDate): { code: PickupBreachCode; points: number } {
  const code: PickupBreachCode =
    remedySubmittedAt !== null && remedySubmittedAt.getTime() < endOfDay(pickupBy).getTime()
      ? 'shipping_obligation_remedied'
      : 'shipping_obligation_unremedied';
  return { code, points: VIOLATION_POINTS[code] };
}

export type RemedyCheck = { ok: true } | { ok: false; code: 'remedy_too_late'; message: string };

/**
 * A remedy is accepted only while the pickupBy date has not ended (now < its end), and only for a
 * newPickupBy in [pickupBy, pickupBy + 3 business days]. One per order is the service's check.
 */
export function validateRemedy(newPickupBy: IsoDate, pickupBy: IsoDate, now: Date): RemedyCheck {
  if (now.getTime() >= endOfDay(pickupBy).getTime()) {
    return { ok: false, code: 'remedy_too_late', message: `the pickupBy date ${pickupBy} has already ended` };
  }
  if (newPickupBy < pickupBy) {
    return { ok: false, code: 'remedy_too_late', message: `newPickupBy must not be before pickupBy ${pickupBy}` };
  }
  const latest = addBusinessDays(pickupBy, REMEDY_MAX_BUSINESS_DAYS);
  if (newPickupBy > latest) {
    return { ok: false, code: 'remedy_too_late', message: `newPickupBy must be on or before ${latest}` };
  }
  return { ok: true };
}
