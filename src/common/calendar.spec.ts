import { addBusinessDays, addDays, isBusinessDay, isValidIsoDate, quoteDates, startDate, utcDate } from './calendar';

// June 2025: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9 … Fri 13, Sat 14, Sun 15, Mon 16.

describe('quote dates (SPEC §5.3)', () => {
  describe('start = readyDate, moved to the next Monday on a Saturday or Sunday', () => {
    it.each([
      ['Friday stays', '2025-06-06', '2025-06-06'],
      ['Saturday → Monday', '2025-06-07', '2025-06-09'],
      ['Sunday → Monday', '2025-06-08', '2025-06-09'],
      ['Monday stays', '2025-06-09', '2025-06-09'],
      ['Saturday → Monday across a month end', '2025-05-31', '2025-06-02'],
    ])('%s: %s → %s', (_rule, ready, start) => {
      expect(startDate(ready)).toBe(start);
    });
  });

  describe('+ n business days: step one day at a time, counting only Monday–Friday', () => {
    it.each([
      ['+0 is the same day', '2025-06-02', 0, '2025-06-02'],
      ['+0 is the same day even on a Saturday', '2025-06-07', 0, '2025-06-07'],
      ['Monday +1 → Tuesday', '2025-06-02', 1, '2025-06-03'],
      ['Friday +1 → Monday', '2025-06-06', 1, '2025-06-09'],
      ['Thursday +2 → Monday', '2025-06-05', 2, '2025-06-09'],
      ['Saturday +1 → Monday', '2025-06-07', 1, '2025-06-09'],
      ['Sunday +1 → Monday', '2025-06-08', 1, '2025-06-09'],
      ['Friday +5 → next Friday', '2025-06-06', 5, '2025-06-13'],
      ['Monday +10 → Monday two weeks on', '2025-06-02', 10, '2025-06-16'],
      ['across the year end: Wednesday 31 Dec +2 → Friday 2 Jan', '2025-12-31', 2, '2026-01-02'],
      ['across a leap day: Wednesday 28 Feb 2024 +2 → Friday 1 Mar', '2024-02-28', 2, '2024-03-01'],
      ['90 business days = 18 weeks', '2025-06-02', 90, '2025-10-06'],
    ])('%s', (_rule, date, n, expected) => {
      expect(addBusinessDays(date, n)).toBe(expected);
    });
  });

  describe('pickupBy = start + handlingDays; guaranteedBy = pickupBy + transitDays.max (business days)', () => {
    it.each([
      ['ready Friday, handling 1 → Monday', '2025-06-06', 1, 0, '2025-06-09', '2025-06-09'],
      ['ready Saturday, handling 0 → Monday', '2025-06-07', 0, 0, '2025-06-09', '2025-06-09'],
      ['ready Saturday, handling 0, transit 1', '2025-06-07', 0, 1, '2025-06-09', '2025-06-10'],
      ['ready Friday, handling 2, transit 5, across two weekends', '2025-06-06', 2, 5, '2025-06-10', '2025-06-17'],
      ['ready Thursday, handling 2, transit 5', '2025-06-05', 2, 5, '2025-06-09', '2025-06-16'],
      ['ready Sunday, handling 10, transit 1', '2025-06-01', 10, 1, '2025-06-16', '2025-06-17'],
      ['ready Monday, handling 0, transit 90', '2025-06-02', 0, 90, '2025-06-02', '2025-10-06'],
    ])('%s', (_rule, ready, handling, transit, pickupBy, guaranteedBy) => {
      expect(quoteDates(ready, handling, transit)).toEqual({ pickupBy, guaranteedBy });
    });
  });
});

describe('date helpers (UTC)', () => {
  it.each([
    ['2025-06-06T00:00:00.000Z', '2025-06-06'],
    ['2025-06-06T23:59:59.999Z', '2025-06-06'],
    ['2025-06-06T23:30:00-02:00', '2025-06-07'], // 01:30 UTC the next day
  ])('utcDate(%s) = %s', (instant, today) => {
    expect(utcDate(new Date(instant))).toBe(today);
  });

  it.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-06-06', 30, '2025-07-06'],
    ['2025-06-06', 0, '2025-06-06'],
  ])('addDays(%s, %p) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['2025-06-06', true],
    ['2025-06-07', false],
    ['2025-06-08', false],
    ['2025-06-09', true],
  ])('isBusinessDay(%s) = %p', (date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
  });

  it.each(['2025-02-30', '2025-13-01', '2025-6-1', '20250601', '2025-06-01T00:00:00Z', ''])('refuses %p', (date) => {
    expect(isValidIsoDate(date)).toBe(false);
    expect(() => addBusinessDays(date, 1)).toThrow(RangeError);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %p business days', (n) => {
    expect(() => addBusinessDays('2025-06-02', n)).toThrow(RangeError);
    expect(() => quoteDates('2025-06-02', n, 1)).toThrow(RangeError);
  });
});
