import { COMPENSATION_BPS, COMPENSATION_CAP_MINOR } from '../quotes/quote-builder';
import {
  claimEligibility,
  DAMAGE_CLAIM_WINDOW_DAYS,
  LOSS_CLAIM_WINDOW_DAYS,
  type ClaimableOrder,
  LATE_COMPENSATION_BPS,
  LATE_COMPENSATION_CAP_MINOR,
  creditExpiry,
  isOnTime,
  lateClaimEligibility,
  lateClaimWindow,
  lateCreditMinor,
  maxDamageApprovalMinor,
  pickupBreach,
  remedyPoints,
  validateRemedy,
} from './guarantee';

const at = (iso: string) => new Date(iso);

describe('guarantee terms (§5.4)', () => {
  it('are 10 %, capped at USD 100', () => {
    expect(LATE_COMPENSATION_BPS).toBe(1000);
    expect(LATE_COMPENSATION_CAP_MINOR).toBe(10_000);
  });

  it('are the ones every quote option shows (defined once)', () => {
    expect([LATE_COMPENSATION_BPS, LATE_COMPENSATION_CAP_MINOR]).toEqual([COMPENSATION_BPS, COMPENSATION_CAP_MINOR]);
  });
});

describe('on time ⇔ UTC date of delivery ≤ guaranteedBy (§6.3)', () => {
  it.each([
    ['2025-03-10T23:59:59Z', '2025-03-10', true],
    ['2025-03-11T00:00:00Z', '2025-03-10', false],
    ['2025-03-09T08:00:00Z', '2025-03-10', true],
    ['2025-03-11T01:00:00+05:00', '2025-03-10', true], // 2025-03-10T20:00Z: the UTC date decides
  ])('delivered %s, guaranteed by %s → on time %p', (deliveredAt, guaranteedBy, expected) => {
    expect(isOnTime(at(deliveredAt), guaranteedBy)).toBe(expected);
  });
});

describe('late credit = min(10 % of the order total half-up, USD 100) (§6.3)', () => {
  it.each([
    [50_000, 5_000],
    [150_000, 10_000], // cap
    [100_000, 10_000], // exactly at the cap
    [12_345, 1_235], // 1234.5 → half-up
    [12_344, 1_234], // 1234.4
    [5, 1], // 0.5 → 1
    [0, 0],
  ])('total %p → credit %p', (total, credit) => {
    expect(lateCreditMinor(total)).toBe(credit);
  });

  it('is valid 90 days', () => {
    expect(creditExpiry(at('2025-03-10T12:00:00Z'))).toEqual(at('2025-06-08T12:00:00Z'));
  });
});

describe('late-delivery claim window: today > guaranteedBy, within 30 days after (§6.3)', () => {
  it.each([
    ['2025-03-09', { ok: false, code: 'claim_too_early' }],
    ['2025-03-10', { ok: false, code: 'claim_too_early' }], // guaranteedBy itself
    ['2025-03-11', { ok: true }],
    ['2025-04-09', { ok: true }], // guaranteedBy + 30 days: inclusive
    ['2025-04-10', { ok: false, code: 'claim_window_closed' }],
  ])('guaranteed by 2025-03-10, today %s → %j', (today, expected) => {
    expect(lateClaimWindow('2025-03-10', today)).toEqual(expected);
  });

  it('takes the UTC date of an instant', () => {
    expect(lateClaimWindow('2025-03-10', at('2025-03-10T23:59:59Z'))).toEqual({ ok: false, code: 'claim_too_early' });
    expect(lateClaimWindow('2025-03-10', at('2025-03-11T00:00:00Z'))).toEqual({ ok: true });
  });

  it.each([
    ['delivered late', '2025-03-11T09:00:00Z', { ok: true }],
    ['delivered on time', '2025-03-10T23:59:59Z', { ok: false, code: 'claim_not_late' }],
    ['not delivered yet', null, { ok: true }],
  ])('%s (delivered %s), today 2025-03-12 → %j', (_label, deliveredAt, expected) => {
    const input = { guaranteedBy: '2025-03-10', deliveredAt: deliveredAt ? at(deliveredAt) : null, today: '2025-03-12' };
    expect(lateClaimEligibility(input)).toEqual(expected);
  });
});

describe('damage and loss: approve at most declared value + order total (§6.4)', () => {
  it.each([
    [200_000, 50_000, 250_000],
    [0, 12_345, 12_345],
  ])('declared %p + total %p → at most %p', (declared, total, max) => {
    expect(maxDamageApprovalMinor(declared, total)).toBe(max);
  });
});

describe('pickup obligation: not picked up by the end of pickupBy (UTC) is a breach (§6.5)', () => {
  it.each([
    ['picked up on the day', '2025-03-11T09:00:00Z', '2025-03-07T23:59:59Z', false],
    ['not picked up, day not over yet', '2025-03-07T23:59:59Z', null, false],
    ['not picked up, day over', '2025-03-08T00:00:00Z', null, true],
    ['not picked up, sweep days later', '2025-03-20T03:00:00Z', null, true],
    ['picked up after the day ended', '2025-03-11T09:00:00Z', '2025-03-08T00:00:00Z', true],
    ['picked up two days early', '2025-03-11T09:00:00Z', '2025-03-05T10:00:00Z', false],
  ])('pickupBy 2025-03-07, %s (asOf %s, pickedUpAt %s) → breach %p', (_label, asOf, pickedUpAt, breach) => {
    expect(pickupBreach('2025-03-07', at(asOf), pickedUpAt ? at(pickedUpAt) : null)).toBe(breach);
  });

  it.each([
    ['remedy before the end of pickupBy', '2025-03-07T23:59:59Z', 'shipping_obligation_remedied', 2],
    ['remedy at the end of pickupBy', '2025-03-08T00:00:00Z', 'shipping_obligation_unremedied', 4],
    ['no remedy', null, 'shipping_obligation_unremedied', 4],
  ])('%s (submitted %s) → %s, %p points', (_label, submittedAt, code, points) => {
    expect(remedyPoints(submittedAt ? at(submittedAt) : null, '2025-03-07')).toEqual({ code, points });
  });
});

describe('remedy: newPickupBy at most 3 business days after pickupBy, submitted before its end (§6.5)', () => {
  const friday = '2025-03-07';
  const beforeEnd = at('2025-03-07T18:00:00Z');

  it.each([
    [friday, '2025-03-07', beforeEnd, true], // same day
    [friday, '2025-03-10', beforeEnd, true], // Mon = +1
    [friday, '2025-03-12', beforeEnd, true], // Wed = +3 business days over the weekend
    [friday, '2025-03-13', beforeEnd, false], // Thu = +4
    [friday, '2025-03-06', beforeEnd, false], // before pickupBy
    ['2025-03-03', '2025-03-06', at('2025-03-01T00:00:00Z'), true], // Mon → Thu = +3
    ['2025-03-03', '2025-03-07', at('2025-03-01T00:00:00Z'), false], // Mon → Fri = +4
    [friday, '2025-03-10', at('2025-03-07T23:59:59.999Z'), true], // last instant of the day
    [friday, '2025-03-10', at('2025-03-08T00:00:00Z'), false], // the pickupBy date has ended
  ])('pickupBy %s, newPickupBy %s, now %s → accepted %p', (pickupBy, newPickupBy, now, ok) => {
    const result = validateRemedy(newPickupBy, pickupBy, now);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.code).toBe('remedy_too_late');
  });
});

describe('claim eligibility, each type with its own window (§6.3, §6.4)', () => {
  const order = (o: Partial<ClaimableOrder>): ClaimableOrder => ({
    status: 'delivered',
    automaticCompensation: false,
    guaranteedBy: '2025-03-10',
    deliveredAt: at('2025-03-12T10:00:00Z'),
    lostAt: null,
    ...o,
  });
  const lost = { status: 'lost' as const, deliveredAt: null, lostAt: at('2025-03-05T10:00:00Z') };

  it("damage and loss claims have 30 days (the README's choice; §6.4 gives no window)", () => {
    expect([DAMAGE_CLAIM_WINDOW_DAYS, LOSS_CLAIM_WINDOW_DAYS]).toEqual([30, 30]);
  });

  it.each<[string, 'late_delivery' | 'damaged' | 'lost', Partial<ClaimableOrder>, string, string | null]>([
    ['late, delivered late, in the window', 'late_delivery', {}, '2025-03-12T12:00:00Z', null],
    [
      'late, L3/L4 at booking: compensated automatically',
      'late_delivery',
      { automaticCompensation: true },
      '2025-03-12T12:00:00Z',
      'claim_exists',
    ],
    [
      'late, on a cancelled order',
      'late_delivery',
      { status: 'cancelled', deliveredAt: null },
      '2025-03-12T12:00:00Z',
      'claim_not_allowed',
    ],
    ['late, on a lost order', 'late_delivery', lost, '2025-03-12T12:00:00Z', 'claim_not_allowed'],
    ['late, on guaranteedBy', 'late_delivery', { status: 'in_transit', deliveredAt: null }, '2025-03-10T23:00:00Z', 'claim_too_early'],
    ['late, undelivered after guaranteedBy', 'late_delivery', { status: 'in_transit', deliveredAt: null }, '2025-03-11T00:00:00Z', null],
    ['late, guaranteedBy + 30 days', 'late_delivery', {}, '2025-04-09T23:59:59Z', null],
    ['late, guaranteedBy + 31 days', 'late_delivery', {}, '2025-04-10T00:00:00Z', 'claim_window_closed'],
    ['late, delivered on time', 'late_delivery', { deliveredAt: at('2025-03-10T20:00:00Z') }, '2025-03-12T12:00:00Z', 'claim_not_late'],
    ['damaged, delivered', 'damaged', {}, '2025-03-13T00:00:00Z', null],
    ['damaged, 30 × 24 h after the delivery', 'damaged', {}, '2025-04-11T10:00:00Z', null],
    ['damaged, a millisecond later', 'damaged', {}, '2025-04-11T10:00:00.001Z', 'claim_window_closed'],
    // Its own window, from the delivery: past guaranteedBy + 30 days a damage claim is still open.
    [
      'damaged, after the late-claim window has closed',
      'damaged',
      { deliveredAt: at('2025-04-08T10:00:00Z') },
      '2025-04-20T00:00:00Z',
      null,
    ],
    ['damaged, not delivered', 'damaged', { status: 'in_transit', deliveredAt: null }, '2025-03-13T00:00:00Z', 'claim_not_allowed'],
    ['damaged, on a lost order', 'damaged', lost, '2025-03-13T00:00:00Z', 'claim_not_allowed'],
    ['lost, lost', 'lost', lost, '2025-03-13T00:00:00Z', null],
    ['lost, 30 × 24 h after the loss', 'lost', lost, '2025-04-04T10:00:00Z', null],
    ['lost, a millisecond later', 'lost', lost, '2025-04-04T10:00:00.001Z', 'claim_window_closed'],
    ['lost, on a delivered order', 'lost', {}, '2025-03-13T00:00:00Z', 'claim_not_allowed'],
  ])('%s (now %4$s) → %5$s', (_label, type, o, now, code) => {
    const result = claimEligibility(type, order(o), at(now));
    expect(result.ok ? null : result.code).toBe(code);
  });
});
