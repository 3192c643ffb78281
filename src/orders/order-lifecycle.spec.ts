import {
  ORDER_EVENTS,
  ORDER_STATUSES,
  type OrderEvent,
  type OrderStatus,
  allowedEvents,
  transition,
  validateOccurredAt,
} from './order-lifecycle';

// SPEC §6.2: booked → picked_up → in_transit → delivered; booked → cancelled; picked_up | in_transit → lost.
const allowed: [OrderStatus, OrderEvent, OrderStatus][] = [
  ['booked', 'picked_up', 'picked_up'],
  ['booked', 'cancelled', 'cancelled'],
  ['picked_up', 'in_transit', 'in_transit'],
  ['picked_up', 'delivered', 'delivered'], // documented choice: no checkpoint needed before delivery
  ['picked_up', 'lost', 'lost'],
  ['in_transit', 'in_transit', 'in_transit'], // repeatable checkpoint
  ['in_transit', 'delivered', 'delivered'],
  ['in_transit', 'lost', 'lost'],
];

const isAllowed = (s: OrderStatus, e: OrderEvent) => allowed.some(([as, ae]) => as === s && ae === e);
const refused: [OrderStatus, OrderEvent][] = ORDER_STATUSES.flatMap((s) =>
  ORDER_EVENTS.filter((e) => !isAllowed(s, e)).map((e): [OrderStatus, OrderEvent] => [s, e]),
);

describe('order lifecycle (§6.2)', () => {
  it.each(allowed)('%s + %s → %s', (status, event, next) => {
    expect(transition(status, event)).toEqual({ ok: true, next });
  });

  it.each(refused)('%s + %s → invalid_transition', (status, event) => {
    expect(transition(status, event)).toEqual({ ok: false });
  });

  it('covers every status × event pair exactly once', () => {
    expect(allowed.length + refused.length).toBe(ORDER_STATUSES.length * ORDER_EVENTS.length);
    expect(refused).toHaveLength(22);
  });

  it.each([
    ['delivered', []],
    ['cancelled', []],
    ['lost', []],
    ['booked', ['picked_up', 'cancelled']],
  ] as [OrderStatus, OrderEvent[]][])('from %s the allowed events are %j', (status, events) => {
    expect(allowedEvents(status)).toEqual(events);
  });
});

describe('event occurredAt (§6.2: not before booking, not more than 5 minutes in the future)', () => {
  const bookedAt = new Date('2025-03-03T10:00:00Z');
  const now = new Date('2025-03-05T12:00:00Z');
  const previous = new Date('2025-03-04T08:00:00Z');

  it.each([
    ['exactly at booking', '2025-03-03T10:00:00Z', null, null],
    ['1 ms before booking', '2025-03-03T09:59:59.999Z', null, 'occurredAt must not be before the order was booked'],
    ['exactly now + 5 min', '2025-03-05T12:05:00Z', null, null],
    ['now + 5 min + 1 ms', '2025-03-05T12:05:00.001Z', null, 'occurredAt must not be more than 5 minutes in the future'],
    ['equal to the previous event', '2025-03-04T08:00:00Z', previous, null],
    ['after the previous event', '2025-03-05T11:00:00Z', previous, null],
    ['before the previous event', '2025-03-04T07:59:59Z', previous, 'occurredAt must not be before the previous event'],
    ['an invalid date', 'not a date', null, 'occurredAt must be a valid ISO 8601 instant'],
  ] as [string, string, Date | null, string | null][])('%s (%s)', (_label, occurredAt, prev, expected) => {
    expect(validateOccurredAt(new Date(occurredAt), bookedAt, now, prev)).toBe(expected);
  });
});
