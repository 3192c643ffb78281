/**
 * Price lines of a quote option (SPEC §5.2). Pure: plain data in, plain data out.
 *
 * Each line is rounded half-up to a cent when it is computed, and later lines build on the rounded
 * earlier ones, exactly as the spec lists them. All arithmetic is integer (see common/money.ts):
 * the chargeable quantity arrives as hundredths of a unit, so `hundredths × rate / 100` is one
 * exact half-up division.
 */
import { applyBps, assertMinor, mulDivHalfUp, type Minor } from '../common/money';
import { kgToGrams, type Piece, type QuoteMode } from './chargeable';

export interface WeightBreak {
  /** Lower bound in the chargeable unit (kg, or revenue tonnes for sea_lcl). */
  minKg: number;
  ratePerUnitMinor: Minor;
}

export interface RemoteArea {
  postcodePrefixes: readonly string[];
  perKgMinor: Minor;
  minMinor: Minor;
}

/** The rate-card fields of a lane (SPEC §4.4) that pricing reads. */
export interface LaneRates {
  weightBreaks: readonly WeightBreak[];
  minChargeMinor: Minor;
  fuelSurchargeBps: number;
  remoteArea: RemoteArea | null;
  oversizeFeeMinor: Minor;
}

export interface PriceInput {
  mode: QuoteMode;
  /** Chargeable quantity × 100 (from `chargeable().hundredths`). */
  chargeableHundredths: number;
  pieces: readonly Piece[];
  lane: LaneRates;
  destinationPostcode: string | null | undefined;
  /** The buyer tier's freight discount (SPEC §3.4) in basis points: 2 % = 200. */
  discountBps: number;
}

export type PriceLineCode = 'base_freight' | 'remote_area' | 'oversize' | 'fuel_surcharge' | 'tier_discount';

export interface PriceLine {
  code: PriceLineCode;
  amountMinor: Minor;
}

export interface Price {
  lines: PriceLine[];
  totalMinor: Minor;
}

/** A piece line is oversize when its longest side is over 120 cm or a piece weighs over 70 kg. */
export const OVERSIZE_LONGEST_SIDE_CM = 120;
export const OVERSIZE_PIECE_WEIGHT_GRAMS = 70_000;

/** Mirrors the chargeable rounding: hundredths × rate / 100, half-up. */
function perUnit(hundredths: number, rateMinor: Minor): Minor {
  return mulDivHalfUp(hundredths, rateMinor, 100);
}

/**
 * Line 1. Break bounds are compared in thousandths (kgToGrams also parses "1.5 rt" exactly), so a
 * break at 12.5 applies to a chargeable 12.5. The "higher break is cheaper" rule caps the amount at
 * the cheapest `minKg × rate` among breaks above the chargeable quantity.
 */
export function baseFreight(hundredths: number, breaks: readonly WeightBreak[], minChargeMinor: Minor): Minor {
  const thousandths = hundredths * 10;
  let applicableBound = -1;
  let applicableRate = 0;
  let cheapestHigher = Number.POSITIVE_INFINITY;
  for (const b of breaks) {
    const bound = kgToGrams(b.minKg);
    const rate = assertMinor(b.ratePerUnitMinor);
    if (bound <= thousandths) {
      if (bound > applicableBound) {
        applicableBound = bound;
        applicableRate = rate;
      }
    } else {
      cheapestHigher = Math.min(cheapestHigher, mulDivHalfUp(bound, rate, 1000));
    }
  }
  if (applicableBound < 0) throw new RangeError('no weight break applies: the first minKg must be 0');
  return Math.max(Math.min(perUnit(hundredths, applicableRate), cheapestHigher), assertMinor(minChargeMinor));
}

/** Upper-case and strip all whitespace: "sw1a 1aa" and "SW1A1AA" are the same postcode. */
export function normalizePostcode(postcode: string): string {
  return postcode.toUpperCase().replace(/\s+/g, '');
}

/**
 * A lane's prefixes, normalised once per table: lanes are read once and priced for every quote, so
 * the table object (kept by the bookable-lanes cache) is the key.
 */
const normalizedPrefixes = new WeakMap<readonly string[], string[]>();
function prefixesOf(remoteArea: RemoteArea): string[] {
  let prefixes = normalizedPrefixes.get(remoteArea.postcodePrefixes);
  if (!prefixes) {
    // An empty prefix would make every postcode remote; treat it as a data slip, not a rule.
    prefixes = remoteArea.postcodePrefixes.map(normalizePostcode).filter((prefix) => prefix.length > 0);
    normalizedPrefixes.set(remoteArea.postcodePrefixes, prefixes);
  }
  return prefixes;
}

/** The last postcode normalised: one quote prices every lane for the same destination postcode. */
let lastPostcode: { given: string; normalized: string } = { given: '', normalized: '' };
function normalizedOnce(postcode: string): string {
  if (lastPostcode.given !== postcode) lastPostcode = { given: postcode, normalized: normalizePostcode(postcode) };
  return lastPostcode.normalized;
}

/** Line 2, or null when the postcode is not remote (or the lane has no remote-area table). */
export function remoteAreaFee(hundredths: number, remoteArea: RemoteArea | null, postcode: string | null | undefined): Minor | null {
  if (!remoteArea || !postcode) return null;
  const normalized = normalizedOnce(postcode);
  if (!prefixesOf(remoteArea).some((prefix) => normalized.startsWith(prefix))) return null;
  return Math.max(perUnit(hundredths, assertMinor(remoteArea.perKgMinor)), assertMinor(remoteArea.minMinor));
}

export function isOversize(piece: Piece): boolean {
  const longest = Math.max(piece.lengthCm, piece.widthCm, piece.heightCm);
  return longest > OVERSIZE_LONGEST_SIDE_CM || kgToGrams(piece.weightKg) > OVERSIZE_PIECE_WEIGHT_GRAMS;
}

/** Line 3: the fee per oversize piece, express and air only (sea freight has no such surcharge). */
export function oversizeFee(mode: QuoteMode, pieces: readonly Piece[], feeMinor: Minor): Minor {
  if (mode === 'sea_lcl') return 0;
  const fee = assertMinor(feeMinor);
  return pieces.filter(isOversize).reduce((sum, piece) => sum + fee * piece.quantity, 0);
}

function checkBps(name: string, bps: number): number {
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`${name} must be 0–10,000 bps: ${bps}`);
  return bps;
}

/** The amounts of §5.2's lines (0 where a line does not apply) and their total. */
export interface PriceAmounts {
  base: Minor;
  remote: Minor;
  oversize: Minor;
  fuel: Minor;
  discount: Minor;
  totalMinor: Minor;
}

/**
 * The amounts of every line, in the spec's order, each rounded half-up on the rounded ones before
 * it. buildQuote ranks every lane by these and makes the lines (priceLinesOf) only for the options
 * it keeps.
 */
export function priceAmounts(input: PriceInput): PriceAmounts {
  const { mode, chargeableHundredths: hundredths, pieces, lane } = input;
  if (!Number.isSafeInteger(hundredths) || hundredths <= 0) {
    throw new RangeError(`chargeable hundredths must be a positive integer: ${hundredths}`);
  }
  const fuelBps = checkBps('fuelSurchargeBps', lane.fuelSurchargeBps);
  const discountBps = checkBps('discountBps', input.discountBps);

  const base = baseFreight(hundredths, lane.weightBreaks, lane.minChargeMinor);
  const remote = remoteAreaFee(hundredths, lane.remoteArea, input.destinationPostcode) ?? 0;
  const oversize = oversizeFee(mode, pieces, lane.oversizeFeeMinor);
  const fuel = applyBps(base + remote + oversize, fuelBps);
  // The discount applies to everything above it (lines 1–4), fuel included.
  const discount = -applyBps(base + remote + oversize + fuel, discountBps);
  return { base, remote, oversize, fuel, discount, totalMinor: base + remote + oversize + fuel + discount };
}

/**
 * The lines of those amounts. Optional lines whose amount is 0 are left out (remote_area when not
 * remote, oversize, fuel_surcharge at 0 bps, tier_discount at 0 %), so a client never has to tell
 * "charged nothing" from "does not apply"; base_freight is always present.
 */
export function priceLinesOf(amounts: PriceAmounts): Price {
  const lines: PriceLine[] = [{ code: 'base_freight', amountMinor: amounts.base }];
  if (amounts.remote !== 0) lines.push({ code: 'remote_area', amountMinor: amounts.remote });
  if (amounts.oversize !== 0) lines.push({ code: 'oversize', amountMinor: amounts.oversize });
  if (amounts.fuel !== 0) lines.push({ code: 'fuel_surcharge', amountMinor: amounts.fuel });
  if (amounts.discount !== 0) lines.push({ code: 'tier_discount', amountMinor: amounts.discount });
  return { lines, totalMinor: amounts.totalMinor };
}

/** All lines of §5.2 in the spec's order, and their total. */
export function priceLines(input: PriceInput): Price {
  return priceLinesOf(priceAmounts(input));
}
