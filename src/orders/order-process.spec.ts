import { consequencesOf, hasConsequences, planEvent, type EntryContext } from './order-process';
import { ORDER_STATUSES } from './order-lifecycle';

const ctx = (c: Partial<EntryContext>): EntryContext => ({
  onTime: null,
  automaticCompensation: false,
  creditAppliedMinor: 0,
  by: 'provider',
  ...c,
});

describe('the consequences of entering a state (§6.3, §6.6, §7, §3.1)', () => {
  it.each<[string, (typeof ORDER_STATUSES)[number], Partial<EntryContext>, string[]]>([
    ['delivered on time', 'delivered', { onTime: true }, ['reevaluate_tier']],
    ['delivered late, L0–L2 at booking (a claim may follow)', 'delivered', { onTime: false }, ['late_point', 'reevaluate_tier']],
    [
      'delivered late, L3/L4 at booking',
      'delivered',
      { onTime: false, automaticCompensation: true },
      ['late_point', 'late_credit', 'reevaluate_tier'],
    ],
    ['delivered on time, L3/L4 at booking', 'delivered', { onTime: true, automaticCompensation: true }, ['reevaluate_tier']],
    ['lost', 'lost', {}, ['loss_point']],
    ['cancelled by the buyer, no credits used', 'cancelled', { by: 'buyer' }, []],
    ['cancelled by the buyer, credits used', 'cancelled', { by: 'buyer', creditAppliedMinor: 500 }, ['restore_credits']],
    ['cancelled by the provider, credits used', 'cancelled', { creditAppliedMinor: 500 }, ['restore_credits', 'provider_cancel_point']],
    ['cancelled by the provider', 'cancelled', {}, ['provider_cancel_point']],
    ['picked up', 'picked_up', {}, []],
    ['in transit', 'in_transit', {}, []],
  ])('%s → %j', (_label, state, context, expected) => {
    expect(consequencesOf(state, ctx(context))).toEqual(expected);
  });

  it.each([
    ['booked', false],
    ['picked_up', false],
    ['in_transit', false],
    ['delivered', true],
    ['lost', true],
    ['cancelled', true],
  ] as const)('entering %s can set something off: %p', (state, expected) => {
    expect(hasConsequences(state)).toBe(expected);
  });
});

describe('what a tracking event writes (§6.2, §6.3)', () => {
  const order = {
    status: 'in_transit' as const,
    bookedAt: new Date('2026-06-01T00:00:00Z'),
    lastEventAt: new Date('2026-06-03T00:00:00Z'),
    guaranteedBy: '2026-06-10',
  };
  const now = new Date('2026-06-20T00:00:00Z');

  it.each([
    [
      'delivered on guaranteedBy',
      'delivered',
      '2026-06-10T23:59:59Z',
      {
        ok: true,
        set: {
          status: 'delivered',
          lastEventAt: new Date('2026-06-10T23:59:59Z'),
          deliveredAt: new Date('2026-06-10T23:59:59Z'),
          onTime: true,
        },
      },
    ],
    [
      'delivered the day after',
      'delivered',
      '2026-06-11T00:00:00Z',
      {
        ok: true,
        set: {
          status: 'delivered',
          lastEventAt: new Date('2026-06-11T00:00:00Z'),
          deliveredAt: new Date('2026-06-11T00:00:00Z'),
          onTime: false,
        },
      },
    ],
    [
      'lost',
      'lost',
      '2026-06-05T00:00:00Z',
      { ok: true, set: { status: 'lost', lastEventAt: new Date('2026-06-05T00:00:00Z'), lostAt: new Date('2026-06-05T00:00:00Z') } },
    ],
    [
      'a checkpoint',
      'in_transit',
      '2026-06-04T00:00:00Z',
      { ok: true, set: { status: 'in_transit', lastEventAt: new Date('2026-06-04T00:00:00Z') } },
    ],
    ['a second pickup', 'picked_up', '2026-06-04T00:00:00Z', { ok: false, code: 'invalid_transition' }],
    [
      'before the previous event',
      'in_transit',
      '2026-06-02T00:00:00Z',
      { ok: false, code: 'invalid_occurred_at', message: 'occurredAt must not be before the previous event' },
    ],
  ] as const)('%s → %j', (_label, type, occurredAt, expected) => {
    expect(planEvent(order, type, new Date(occurredAt), now)).toEqual(expected);
  });
});
