import { asOfTooFarAhead } from './as-of';

describe('asOfTooFarAhead (SPEC §9: more than 5 minutes ahead of the clock)', () => {
  const now = new Date('2026-06-01T12:00:00.000Z');
  it.each([
    ['now', '2026-06-01T12:00:00.000Z', false, false],
    ['the past', '2020-01-01T00:00:00.000Z', false, false],
    ['5 minutes ahead exactly', '2026-06-01T12:05:00.000Z', false, false],
    ['5 minutes and 1 ms ahead', '2026-06-01T12:05:00.001Z', false, true],
    ['the year 9999', '9999-12-31T23:59:59.000Z', false, true],
    ['the year 9999 with SWEEPS_ALLOW_FUTURE_AS_OF', '9999-12-31T23:59:59.000Z', true, false],
  ])('%s', (_case, asOf, allowFuture, refused) => {
    expect(asOfTooFarAhead(new Date(asOf), now, allowFuture)).toBe(refused);
  });
});
