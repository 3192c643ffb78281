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

/**
 * round(a × b / d) half-up, exact for any safe integers. While the product is itself a safe integer
 * (every price line: cents × hundredths of a kg) the arithmetic is exact in doubles (integer
 * quotient and remainder of safe integers); beyond that, in bigint.
 */
export function mulDivHalfUp(a: number, b: number, d: number): Minor {
  const product = a * b;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(d) && d > 0) {
    const abs = Math.abs(product);
    let q = Math.floor(abs / d);
    if ((abs - q * d) * 2 >= d) q += 1;
    return product < 0 ? -q : q;
  }
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
