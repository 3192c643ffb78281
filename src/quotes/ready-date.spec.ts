import { MAX_READY_DAYS, readyDate } from './ready-date';

const now = new Date('2026-06-01T23:30:00Z'); // the UTC date decides: today is 2026-06-01

describe('readyDate: today … today + 30 (UTC), default today (§5)', () => {
  it('allows 30 days', () => expect(MAX_READY_DAYS).toBe(30));

  it.each<[string | undefined, ReturnType<typeof readyDate>]>([
    [undefined, { ok: true, readyDate: '2026-06-01' }],
    ['2026-06-01', { ok: true, readyDate: '2026-06-01' }],
    ['2026-07-01', { ok: true, readyDate: '2026-07-01' }], // today + 30: inclusive
    ['2026-07-02', { ok: false, from: '2026-06-01', to: '2026-07-01' }],
    ['2026-05-31', { ok: false, from: '2026-06-01', to: '2026-07-01' }],
    ['2026-02-30', { ok: false, from: '2026-06-01', to: '2026-07-01' }], // not a date
  ])('given %s → %j', (given, expected) => {
    expect(readyDate(given, now)).toEqual(expected);
  });
});
