import { allocateCredits, creditStatus, type CreditBalance } from './credit-allocation';

const NOW = new Date('2026-06-10T12:00:00Z');
const credit = (id: string, remainingMinor: number, expiresAt: string, issuedAt = '2026-06-01T00:00:00Z'): CreditBalance => ({
  id,
  remainingMinor,
  issuedAt: new Date(issuedAt),
  expiresAt: new Date(expiresAt),
});

const A = credit('a', 2_081, '2026-09-01T00:00:00Z');
const B = credit('b', 10_000, '2026-08-01T00:00:00Z'); // expires before A
const C = credit('c', 500, '2026-10-01T00:00:00Z');
const EXPIRED = credit('x', 9_999, '2026-06-10T12:00:00Z'); // expiresAt = now: no longer spendable
const SPENT = credit('s', 0, '2026-07-01T00:00:00Z');
// Ties on expiresAt: the older issuedAt first, then the smaller id.
const T1 = credit('t1', 300, '2026-08-15T00:00:00Z', '2026-05-20T00:00:00Z');
const T2 = credit('t2', 300, '2026-08-15T00:00:00Z', '2026-05-19T00:00:00Z');
const T3 = credit('t0', 300, '2026-08-15T00:00:00Z', '2026-05-20T00:00:00Z');

describe('allocating an amount over credits (§6.6)', () => {
  it.each<[string, CreditBalance[], number, [string, number][], number]>([
    ['one credit in part', [A], 20_813, [['a', 2_081]], 2_081],
    ['an amount smaller than the first credit', [A], 1_000, [['a', 1_000]], 1_000],
    [
      'the exact balance',
      [A, C],
      2_581,
      [
        ['a', 2_081],
        ['c', 500],
      ],
      2_581,
    ],
    [
      'several across expiries, soonest first, the last in part',
      [C, A, B],
      12_500,
      [
        ['b', 10_000],
        ['a', 2_081],
        ['c', 419],
      ],
      12_500,
    ],
    [
      'more than the balance takes it all',
      [C, A, B],
      100_000,
      [
        ['b', 10_000],
        ['a', 2_081],
        ['c', 500],
      ],
      12_581,
    ],
    [
      'ties on expiry: oldest issuedAt, then id',
      [T1, T3, T2],
      700,
      [
        ['t2', 300],
        ['t0', 300],
        ['t1', 100],
      ],
      700,
    ],
    ['zero balance', [], 20_813, [], 0],
    ['expired and spent credits are skipped', [EXPIRED, SPENT, C], 1_000, [['c', 500]], 500],
    ['only expired credits give nothing', [EXPIRED], 1_000, [], 0],
    ['a zero amount takes nothing', [A], 0, [], 0],
  ])('%s', (_name, credits, amount, uses, applied) => {
    const result = allocateCredits(credits, amount, NOW);
    expect(result.uses.map((u) => [u.creditId, u.amountMinor])).toEqual(uses);
    expect(result.appliedMinor).toBe(applied);
  });

  it('does not reorder the caller’s array', () => {
    const credits = [C, A, B];
    allocateCredits(credits, 1, NOW);
    expect(credits.map((c) => c.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('credit status (§6.6)', () => {
  it.each<[string, string, CreditBalance]>([
    ['something left, not yet expired', 'active', A],
    ['nothing left', 'spent', SPENT],
    ['nothing left and past expiry', 'spent', credit('s2', 0, '2026-06-01T00:00:00Z')],
    ['something left at expiresAt', 'expired', EXPIRED],
  ])('%s → %s', (_name, status, c) => {
    expect(creditStatus(c, NOW)).toBe(status);
  });
});
