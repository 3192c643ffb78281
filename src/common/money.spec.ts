import { applyBps, divHalfUp, mulDivHalfUp } from './money';

describe('half-up rounding', () => {
  it.each([
    [5n, 2n, 3n], // 2.5 → 3
    [4n, 2n, 2n],
    [7n, 3n, 2n], // 2.33 → 2
    [-5n, 2n, -3n], // −2.5 → −3 (away from zero)
    [0n, 7n, 0n],
    [149n, 100n, 1n],
    [150n, 100n, 2n],
  ])('%p / %p = %p', (n, d, expected) => {
    expect(divHalfUp(n, d)).toBe(expected);
  });

  it('multiplies before dividing, exactly', () => {
    expect(mulDivHalfUp(12_345, 1_234, 10_000)).toBe(1523); // 1523.373
    expect(mulDivHalfUp(50, 1, 100)).toBe(1); // 0.5 → 1
    expect(mulDivHalfUp(Number.MAX_SAFE_INTEGER, 3, 3)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('gives the bigint result whether the product is a safe integer or not', () => {
    const exact = (a: number, b: number, d: number) => Number(divHalfUp(BigInt(a) * BigInt(b), BigInt(d)));
    const cases: [number, number, number][] = [
      [-12_345, 1_234, 10_000],
      [2 ** 26 + 1, 2 ** 27 - 1, 7], // product just under 2^53
      [2 ** 26 + 3, 2 ** 27 + 5, 1_000], // just over: bigint
      [Number.MAX_SAFE_INTEGER, 1, 2],
      [Number.MAX_SAFE_INTEGER - 1, 1, 3],
    ];
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 2_000; i++) cases.push([next() % 2 ** 24, next() % 2 ** 29, 1 + (next() % 100_000)]);
    for (const [a, b, d] of cases) {
      const expected = exact(a, b, d);
      if (Number.isSafeInteger(expected)) expect(mulDivHalfUp(a, b, d)).toBe(expected);
    }
  });

  it('applies basis points', () => {
    expect(applyBps(10_050, 1000)).toBe(1005);
    expect(applyBps(12_345, 250)).toBe(309); // 308.625 → 309
    expect(applyBps(200, 25)).toBe(1); // 0.5 → 1
  });

  it('refuses a non-positive denominator', () => {
    expect(() => divHalfUp(1n, 0n)).toThrow(RangeError);
  });
});
