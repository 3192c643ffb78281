import { MAX_ATTEMPTS, nextAttemptAt, shouldDisable } from './retry-schedule';

const at = new Date('2026-06-01T12:00:00.000Z');

describe('webhook retry schedule (SPEC §11)', () => {
  it.each([
    [1, '2026-06-01T12:00:05.000Z'],
    [2, '2026-06-01T12:05:00.000Z'],
    [3, '2026-06-01T12:30:00.000Z'],
    [4, '2026-06-01T14:00:00.000Z'],
    [5, '2026-06-01T17:00:00.000Z'],
    [6, '2026-06-01T22:00:00.000Z'],
    [7, '2026-06-01T22:00:00.000Z'],
    [8, null],
  ])('after attempt %i failed, the next is at %s', (attempt, expected) => {
    expect(nextAttemptAt(attempt, at)?.toISOString() ?? null).toBe(expected);
  });

  it('makes 8 attempts in all', () => expect(MAX_ATTEMPTS).toBe(8));

  it.each([
    ['4 days 23 h', 4 * 86_400_000 + 23 * 3_600_000, false],
    ['exactly 5 days', 5 * 86_400_000, true],
    ['6 days', 6 * 86_400_000, true],
  ])('an endpoint failing for %s is disabled: %s', (_what, ms, expected) => {
    expect(shouldDisable(at, new Date(at.getTime() + ms))).toBe(expected);
  });
});
