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
// The whole table, written out: each status × each event, the next status or '—' for refused.
const _ = '—';
const TABLE: [OrderStatus, Record<OrderEvent, OrderStatus | typeof _>][] = [
  ['booked', { picked_up: 'picked_up', in_transit: _, delivered: _, lost: _, cancelled: 'cancelled' }],
  // picked_up → delivered: documented choice, no checkpoint needed before delivery.
  ['picked_up', { picked_up: _, in_transit: 'in_transit', delivered: 'delivered', lost: 'lost', cancelled: _ }],
  // in_transit → in_transit: a repeatable checkpoint.
  ['in_transit', { picked_up: _, in_transit: 'in_transit', delivered: 'delivered', lost: 'lost', cancelled: _ }],
  ['delivered', { picked_up: _, in_transit: _, delivered: _, lost: _, cancelled: _ }],
  ['cancelled', { picked_up: _, in_transit: _, delivered: _, lost: _, cancelled: _ }],
  ['lost', { picked_up: _, in_transit: _, delivered: _, lost: _, cancelled: _ }],
];
const cases = TABLE.flatMap(([status, row]) => Object.entries(row).map(([event, next]) => [status, event as OrderEvent, next] as const));

describe('order lifecycle (§6.2)', () => {
  it.each(cases)('%s + %s → %s', (status, event, next) => {
    expect(transition(status, event)).toEqual(next === _ ? { ok: false } : { ok: true, next });
  });

  it('the table covers every status and every event of the code', () => {
    expect(TABLE.map(([status]) => status)).toEqual([...ORDER_STATUSES]);
    for (const [, row] of TABLE) expect(Object.keys(row).sort()).toEqual([...ORDER_EVENTS].sort());
    expect(cases).toHaveLength(30);
    expect(cases.filter(([, , next]) => next === _)).toHaveLength(22);
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
