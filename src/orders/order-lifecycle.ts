/**
 * Order lifecycle (SPEC §6.2) as data: one transition table answers "which event is allowed now",
 * so the 409 `invalid_transition` has a single source. Pure: no Nest, no TypeORM, no clock.
 */

export const ORDER_STATUSES = ['booked', 'picked_up', 'in_transit', 'delivered', 'cancelled', 'lost'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_EVENTS = ['picked_up', 'in_transit', 'delivered', 'lost', 'cancelled'] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

/** Events a provider posts to `POST /v1/orders/{id}/events`; `cancelled` comes from the cancel action instead. */
export const TRACKING_EVENTS = ['picked_up', 'in_transit', 'delivered', 'lost'] as const satisfies readonly OrderEvent[];
export type TrackingEvent = (typeof TRACKING_EVENTS)[number];

/**
 * status → event → next status. Anything absent is refused.
 * - `in_transit` is a repeatable checkpoint, so in_transit → in_transit is allowed.
 * - `delivered` is accepted from `picked_up` too: a short or direct leg may never report a
 *   checkpoint, and refusing the delivery would leave the order stuck and the guarantee unjudged.
 * - `picked_up` is not repeatable (a second pickup scan is a mistake, not progress).
 * - Cancelling (buyer or provider) is possible only before pickup; who cancelled is the service's concern.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, Partial<Record<OrderEvent, OrderStatus>>>> = {
  booked: { picked_up: 'picked_up', cancelled: 'cancelled' },
  picked_up: { in_transit: 'in_transit', delivered: 'delivered', lost: 'lost' },
  in_transit: { in_transit: 'in_transit', delivered: 'delivered', lost: 'lost' },
  delivered: {},
  cancelled: {},
  lost: {},
};

export type TransitionResult = { ok: true; next: OrderStatus } | { ok: false };

export function transition(status: OrderStatus, event: OrderEvent): TransitionResult {
  const next = ORDER_TRANSITIONS[status]?.[event];
  return next ? { ok: true, next } : { ok: false };
}

/** Events allowed from a status, e.g. for showing the provider what it may post next. */
export function allowedEvents(status: OrderStatus): OrderEvent[] {
  return Object.keys(ORDER_TRANSITIONS[status]) as OrderEvent[];
}

/** Clock skew tolerated on a provider's `occurredAt` (SPEC §6.2: "not more than 5 minutes in the future"). */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/**
 * Checks an event's `occurredAt`; returns null when acceptable, else a message for the 400/422 detail.
 * Bounds are inclusive: exactly at booking, exactly at the previous event, exactly now + 5 min are fine.
 * The timeline must not run backwards (occurredAt ≥ the previous event's), otherwise "delivered before
 * pickup" could be posted and on-time would be judged from a nonsensical timeline.
 */
export function validateOccurredAt(occurredAt: Date, bookedAt: Date, now: Date, previousOccurredAt: Date | null = null): string | null {
  if (Number.isNaN(occurredAt.getTime())) return 'occurredAt must be a valid ISO 8601 instant';
  if (occurredAt.getTime() < bookedAt.getTime()) return 'occurredAt must not be before the order was booked';
  if (occurredAt.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) {
    return 'occurredAt must not be more than 5 minutes in the future';
  }
  if (previousOccurredAt && occurredAt.getTime() < previousOccurredAt.getTime()) {
    return 'occurredAt must not be before the previous event';
  }
  return null;
}
