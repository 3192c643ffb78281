/**
 * Money is integer minor units (US cents). Every computed line is rounded half-up to a whole cent
 * when it is computed (SPEC §1), using integer arithmetic only so that no float ever decides a cent.
 */
export type Minor = number;

/** round(numerator / denominator) with halves rounded away from zero; integers in, integer out. */
export function divHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -q : q;
}

/** round(a × b / d) half-up, exact for any safe integers (the product is taken in bigint). */
export function mulDivHalfUp(a: number, b: number, d: number): Minor {
  return assertMinor(Number(divHalfUp(BigInt(a) * BigInt(b), BigInt(d))));
}

/** round(amount × bps / 10,000) half-up: percentages expressed in basis points. */
export function applyBps(amount: Minor, bps: number): Minor {
  return mulDivHalfUp(amount, bps, 10_000);
}

export function assertMinor(value: number): Minor {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount of minor units: ${value}`);
  return value;
}
