import {
  ADMIN_VIOLATION_CODES,
  THRESHOLDS,
  VIOLATION_POINTS,
  type ViolationCode,
  activePoints,
  applyEntry,
  demotionUntil,
  entryExpiry,
  monthWindow,
} from './points';

const at = (iso: string) => new Date(iso);
const day = (n: number) => at(`2025-01-${String(n).padStart(2, '0')}T00:00:00Z`);
const clean = { restrictedUntil: null, terminated: false };

describe('violation points (§7 table)', () => {
  it.each([
    ['late_delivery', 1],
    ['shipping_obligation_remedied', 2],
    ['shipping_obligation_unremedied', 4],
    ['provider_cancelled', 4],
    ['shipment_lost', 2],
    ['serious_price_manipulation', 6],
    ['serious_off_platform_diversion', 6],
    ['forged_evidence', 12],
  ] as [ViolationCode, number][])('%s → %p points', (code, points) => {
    expect(VIOLATION_POINTS[code]).toBe(points);
  });

  it('lists every code exactly once, admin codes being the last three', () => {
    expect(Object.keys(VIOLATION_POINTS)).toHaveLength(8);
    expect(ADMIN_VIOLATION_CODES).toEqual(['serious_price_manipulation', 'serious_off_platform_diversion', 'forged_evidence']);
  });

  it.each([
    [6, 'warning', 0, false],
    [12, 'restrict', 7, false],
    [24, 'restrict', 14, false],
    [36, 'restrict', 21, true],
    [48, 'terminate', 0, false],
  ])('≥ %p points → %s (%p days, lanes deactivated %p)', (points, action, restrictDays, deactivateLanes) => {
    expect(THRESHOLDS).toContainEqual({ points, action, restrictDays, deactivateLanes });
  });
});

describe('rolling year', () => {
  it.each([
    ['2025-01-15T10:00:00Z', '2026-01-15T10:00:00Z'],
    ['2023-03-01T00:00:00Z', '2024-02-29T00:00:00Z'], // 365 days, not a calendar year
  ])('an entry created %s expires %s', (createdAt, expiresAt) => {
    expect(entryExpiry(at(createdAt))).toEqual(at(expiresAt));
  });

  const entries = [
    { points: 4, expiresAt: day(10) },
    { points: 2, expiresAt: day(20) },
    { points: 1, expiresAt: day(30) },
  ];
  it.each([
    [day(1), 7],
    [day(10), 3], // expiring exactly now no longer counts
    [day(19), 3],
    [day(20), 1],
    [day(31), 0],
  ])('active points at %s → %p', (now, points) => {
    expect(activePoints(entries, now)).toBe(points);
  });
});

describe('thresholds: crossed when before < t ≤ after; only the highest action', () => {
  it.each([
    ['5 → 6: warning', 5, 6, 6, { warning: true, restrictedUntil: null, deactivateLanes: false, terminate: false }],
    [
      '11 → 13: crosses 12 once, restrict 7 days',
      11,
      13,
      12,
      { warning: false, restrictedUntil: day(8), deactivateLanes: false, terminate: false },
    ],
    [
      '0 → 12 (forged_evidence): restrict 7 days, no warning',
      0,
      12,
      12,
      { warning: false, restrictedUntil: day(8), deactivateLanes: false, terminate: false },
    ],
    ['23 → 24: restrict 14 days', 23, 24, 24, { warning: false, restrictedUntil: day(15), deactivateLanes: false, terminate: false }],
    [
      '35 → 36: restrict 21 days + deactivate lanes',
      35,
      36,
      36,
      { warning: false, restrictedUntil: day(22), deactivateLanes: true, terminate: false },
    ],
    ['10 → 37: the 36 action only', 10, 37, 36, { warning: false, restrictedUntil: day(22), deactivateLanes: true, terminate: false }],
    ['47 → 48: terminate', 47, 48, 48, { warning: false, restrictedUntil: null, deactivateLanes: false, terminate: true }],
    ['13 → 14: nothing', 13, 14, null, { warning: false, restrictedUntil: null, deactivateLanes: false, terminate: false }],
    [
      '12 → 13: 12 already reached, nothing',
      12,
      13,
      null,
      { warning: false, restrictedUntil: null, deactivateLanes: false, terminate: false },
    ],
    ['0 → 5: nothing', 0, 5, null, { warning: false, restrictedUntil: null, deactivateLanes: false, terminate: false }],
  ])('%s', (_label, before, after, crossedPoints, expected) => {
    const outcome = applyEntry({ before, after, current: clean, now: day(1) });
    expect(outcome.crossed?.points ?? null).toBe(crossedPoints);
    expect(outcome).toMatchObject(expected);
  });

  it.each([
    ['running until day 20, new 7-day restriction on day 1 → keeps day 20', day(20), 11, 12, day(20)],
    ['running until day 3, new 14-day restriction on day 1 → day 15', day(3), 23, 24, day(15)],
    ['ended before now, new 7-day restriction on day 1 → day 8', at('2024-12-01T00:00:00Z'), 11, 12, day(8)],
    ['running until day 20, nothing crossed → day 20', day(20), 13, 14, day(20)],
  ])('restriction never shortens: %s', (_label, restrictedUntil, before, after, expected) => {
    const outcome = applyEntry({ before, after, current: { restrictedUntil, terminated: false }, now: day(1) });
    expect(outcome.restrictedUntil).toEqual(expected);
  });

  it('a terminated provider stays terminated', () => {
    expect(applyEntry({ before: 1, after: 2, current: { restrictedUntil: null, terminated: true }, now: day(1) }).terminate).toBe(true);
  });

  it('after expiries drop active points to 11, a new entry bringing them to 13 crosses 12 again', () => {
    const ledger: { points: number; createdAt: Date }[] = [
      { points: VIOLATION_POINTS.shipment_lost, createdAt: at('2024-03-01T00:00:00Z') }, // 2
      { points: VIOLATION_POINTS.provider_cancelled, createdAt: at('2024-04-01T00:00:00Z') }, // 6: warning
      { points: VIOLATION_POINTS.provider_cancelled, createdAt: at('2024-05-01T00:00:00Z') }, // 10
      { points: VIOLATION_POINTS.late_delivery, createdAt: at('2024-06-01T00:00:00Z') }, // 11
      { points: VIOLATION_POINTS.late_delivery, createdAt: at('2024-07-01T00:00:00Z') }, // 12: restrict
      { points: VIOLATION_POINTS.late_delivery, createdAt: at('2024-08-01T00:00:00Z') }, // 13
    ];
    const crossings: (number | null)[] = [];
    const entries: { points: number; expiresAt: Date }[] = [];
    let sanctions: { restrictedUntil: Date | null; terminated: boolean } = clean;
    const record = (points: number, now: Date) => {
      const before = activePoints(entries, now);
      entries.push({ points, expiresAt: entryExpiry(now) });
      const outcome = applyEntry({ before, after: activePoints(entries, now), current: sanctions, now });
      sanctions = { restrictedUntil: outcome.restrictedUntil, terminated: outcome.terminate };
      crossings.push(outcome.crossed?.points ?? null);
    };
    ledger.forEach((e) => record(e.points, e.createdAt));
    expect(crossings).toEqual([null, 6, null, null, 12, null]);

    const later = at('2025-03-10T00:00:00Z'); // the 2-point entry of 2024-03-01 has expired
    expect(activePoints(entries, later)).toBe(11);
    record(VIOLATION_POINTS.shipping_obligation_remedied, later);
    expect(activePoints(entries, later)).toBe(13);
    expect(crossings.at(-1)).toBe(12);
    expect(sanctions.restrictedUntil).toEqual(at('2025-03-17T00:00:00Z'));
  });
});

describe('ranking demotion: serious codes demote 7 days, the later end wins', () => {
  it.each([
    ['serious_price_manipulation', null, day(8)],
    ['serious_off_platform_diversion', null, day(8)],
    ['serious_price_manipulation', day(20), day(20)],
    ['serious_off_platform_diversion', day(3), day(8)],
    ['forged_evidence', null, null],
    ['late_delivery', day(5), day(5)],
  ] as [ViolationCode, Date | null, Date | null][])('%s on day 1, running until %s → %s', (code, current, expected) => {
    expect(demotionUntil(code, day(1), current)).toEqual(expected);
  });
});

describe('the compliance month is a UTC calendar month', () => {
  it.each([
    ['2025-01', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'],
    ['2024-02', '2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z'],
    ['2025-12', '2025-12-01T00:00:00Z', '2026-01-01T00:00:00Z'],
  ])('%s → [%s, %s)', (month, from, to) => {
    expect(monthWindow(month)).toEqual({ from: at(from), to: at(to) });
  });
});
