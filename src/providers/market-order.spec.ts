import { compareMarketEntries, scorecard, sortMarketEntries, type MarketOrderFields } from './market-order';

const DAY = 86_400_000;
const now = new Date('2025-06-01T00:00:00.000Z');
const inDays = (n: number) => new Date(now.getTime() + n * DAY);

const entry = (
  id: string,
  legalName: string,
  onTimeRate90d: number | null,
  demotedUntil: Date | null = null,
): MarketOrderFields & { lanes: string[] } => ({ id, legalName, onTimeRate90d, demotedUntil, lanes: [`${id}-lane`] });

describe('§4.5 market order: demoted last, then on-time rate (unrated = 0.85) descending, then name', () => {
  it.each([
    { case: 'higher on-time rate first', a: entry('1', 'Zeta', 0.99), b: entry('2', 'Alpha', 0.9), first: 'a' },
    { case: 'demoted with 100 % after undemoted unrated', a: entry('1', 'Alpha', 1, inDays(7)), b: entry('2', 'Zeta', null), first: 'b' },
    { case: 'unrated (0.85) above a real 0.8', a: entry('1', 'Zeta', 0.8), b: entry('2', 'Alpha', null), first: 'b' },
    { case: 'unrated (0.85) below a real 0.9', a: entry('1', 'Zeta', 0.9), b: entry('2', 'Alpha', null), first: 'a' },
    { case: 'unrated ties a real 0.85 → by name', a: entry('1', 'Beta', 0.85), b: entry('2', 'Alpha', null), first: 'b' },
    { case: 'real 0.85 ties unrated → by name', a: entry('1', 'Alpha', 0.85), b: entry('2', 'Beta', null), first: 'a' },
    {
      case: 'demotion that ended (demotedUntil == now) no longer counts',
      a: entry('1', 'Alpha', 0.9, now),
      b: entry('2', 'Beta', 0.8),
      first: 'a',
    },
    { case: 'both demoted → by rate', a: entry('1', 'Alpha', 0.8, inDays(3)), b: entry('2', 'Beta', 0.95, inDays(1)), first: 'b' },
    { case: 'name by code unit: upper case before lower case', a: entry('1', 'acme', 0.9), b: entry('2', 'Zeta', 0.9), first: 'b' },
    { case: 'same name and rate → by id', a: entry('b', 'Acme', 0.9), b: entry('a', 'Acme', 0.9), first: 'b' },
  ])('$case', ({ a, b, first }) => {
    const expected = first === 'a' ? -1 : 1;
    expect(Math.sign(compareMarketEntries(a, b, now))).toBe(expected);
    expect(Math.sign(compareMarketEntries(b, a, now))).toBe(-expected);
  });

  it('sorts a whole listing and keeps extra fields, without touching the input', () => {
    const entries = [
      entry('d1', 'Demoted Perfect', 1, inDays(7)),
      entry('n1', 'New Co', null),
      entry('r1', 'Real 85', 0.85),
      entry('s1', 'Slow', 0.7),
      entry('f1', 'Fast', 0.97),
    ];
    const copy = [...entries];
    const sorted = sortMarketEntries(entries, now);
    expect(sorted.map((e) => e.legalName)).toEqual(['Fast', 'New Co', 'Real 85', 'Slow', 'Demoted Perfect']);
    expect(sorted[0].lanes).toEqual(['f1-lane']);
    expect(entries).toEqual(copy);
  });

  it('a demotion ends at demotedUntil', () => {
    const entries = [entry('d1', 'Demoted', 1, inDays(7)), entry('o1', 'Other', 0.9)];
    expect(sortMarketEntries(entries, now).map((e) => e.id)).toEqual(['o1', 'd1']);
    expect(sortMarketEntries(entries, inDays(7)).map((e) => e.id)).toEqual(['d1', 'o1']);
  });
});

describe('§10 scorecard: onTimeRate90d 0–1, null while unrated (< 20 delivered)', () => {
  it.each([
    { delivered: 0, late: 0, rate: null },
    { delivered: 19, late: 0, rate: null },
    { delivered: 19, late: 19, rate: null },
    { delivered: 20, late: 3, rate: 0.85 },
    { delivered: 20, late: 4, rate: 0.8 },
    { delivered: 20, late: 0, rate: 1 },
    { delivered: 20, late: 20, rate: 0 },
    { delivered: 30, late: 1, rate: 0.9667 }, // 0.96666… half-up to 4 decimals
    { delivered: 32, late: 3, rate: 0.9063 }, // 0.90625 exactly: half rounds up
  ])('$late late of $delivered → $rate', ({ delivered, late, rate }) => {
    expect(scorecard(delivered, late, 7)).toEqual({ onTimeRate90d: rate, delivered90d: delivered, late90d: late, activePoints: 7 });
  });
});
