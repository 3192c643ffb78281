/**
 * The order process (Vendure's process style): what a transition writes, and the consequences of
 * entering a state, as data in one place. The transition table itself is `order-lifecycle.ts`; the
 * service that carries the consequences out (OrderTransitions) only maps each one to its call.
 * Pure: no Nest, no TypeORM, `now` as an argument.
 */
import { isOnTime, type IsoDate } from './guarantee';
import { transition, validateOccurredAt, type OrderStatus, type TrackingEvent } from './order-lifecycle';

/** The order columns a tracking event writes. */
export interface EventColumns {
  status: OrderStatus;
  lastEventAt: Date;
  pickedUpAt?: Date;
  lostAt?: Date;
  deliveredAt?: Date;
  onTime?: boolean;
}

export type EventPlan =
  { ok: true; set: EventColumns } | { ok: false; code: 'invalid_transition' } | { ok: false; code: 'invalid_occurred_at'; message: string };

/** The lifecycle's checks of a provider event (§6.2) and, if allowed, the columns it sets (with the on-time judgement, §6.3). */
export function planEvent(
  order: { status: OrderStatus; bookedAt: Date; lastEventAt: Date; guaranteedBy: IsoDate },
  type: TrackingEvent,
  occurredAt: Date,
  now: Date,
): EventPlan {
  const next = transition(order.status, type);
  if (!next.ok) return { ok: false, code: 'invalid_transition' };
  const problem = validateOccurredAt(occurredAt, order.bookedAt, now, order.lastEventAt);
  if (problem) return { ok: false, code: 'invalid_occurred_at', message: problem };
  const set: EventColumns = { status: next.next, lastEventAt: occurredAt };
  if (type === 'picked_up') set.pickedUpAt = occurredAt;
  if (type === 'lost') set.lostAt = occurredAt;
  if (type === 'delivered') {
    set.deliveredAt = occurredAt;
    set.onTime = isOnTime(occurredAt, order.guaranteedBy);
  }
  return { ok: true, set };
}

/**
 * The consequences a state's entry may set off:
 * - `late_point`: 1 violation point `late_delivery` (§7);
 * - `late_credit`: the automatic late credit, min(10 %, USD 100), for L3/L4 at booking (§6.3);
 * - `reevaluate_tier`: the buyer's tier, since a delivery changes its platform GMV (§3.1);
 * - `loss_point`: 2 points `shipment_lost` (§7);
 * - `restore_credits`: the credits the order used go back (§6.6);
 * - `provider_cancel_point`: 4 points `provider_cancelled` (§7).
 */
export type Consequence = 'late_point' | 'late_credit' | 'reevaluate_tier' | 'loss_point' | 'restore_credits' | 'provider_cancel_point';

/** What the conditions of the consequences look at: the order as it enters the state, and who moved it. */
export interface EntryContext {
  onTime: boolean | null;
  automaticCompensation: boolean;
  creditAppliedMinor: number;
  by: 'buyer' | 'provider' | 'admin';
}

const always = () => true;
const late = (c: EntryContext) => c.onTime === false;

/** state → the consequences of entering it, in the order they run, each with its condition. */
export const ON_ENTER: Readonly<Record<OrderStatus, readonly { consequence: Consequence; when: (c: EntryContext) => boolean }[]>> = {
  booked: [],
  picked_up: [],
  in_transit: [],
  delivered: [
    { consequence: 'late_point', when: late },
    { consequence: 'late_credit', when: (c) => late(c) && c.automaticCompensation },
    { consequence: 'reevaluate_tier', when: always },
  ],
  lost: [{ consequence: 'loss_point', when: always }],
  cancelled: [
    { consequence: 'restore_credits', when: (c) => c.creditAppliedMinor > 0 },
    { consequence: 'provider_cancel_point', when: (c) => c.by === 'provider' },
  ],
};

/** The consequences of entering `state` in this context, in order. */
export function consequencesOf(state: OrderStatus, context: EntryContext): Consequence[] {
  return ON_ENTER[state].filter((c) => c.when(context)).map((c) => c.consequence);
}

/** Whether entering `state` can set anything off; if not, the change needs no lock (one conditional statement). */
export function hasConsequences(state: OrderStatus): boolean {
  return ON_ENTER[state].length > 0;
}
