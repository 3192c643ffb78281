/**
 * Chargeable quantity (SPEC §5.1). Pure: plain data in, plain data out.
 *
 * Everything is integers so no float decides a rounding step: weights in grams, volumes in cm³,
 * and the result as `hundredths` of the chargeable unit (0.5 kg = 50, 0.01 rt = 1 — both exact).
 * Pricing multiplies `hundredths` by a per-unit rate and divides by 100, half-up, once.
 */

export type QuoteMode = 'express' | 'air' | 'sea_lcl';
export const QUOTE_MODES: readonly QuoteMode[] = ['express', 'air', 'sea_lcl'];

export interface Piece {
  quantity: number;
  /** kg with at most 3 decimals (SPEC §1). */
  weightKg: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
}

export type ChargeableUnit = 'kg' | 'rt';

export interface Chargeable {
  /** Decimal for display and the Option shape (SPEC §10), e.g. 12.5 kg or 1.37 rt. */
  quantity: number;
  unit: ChargeableUnit;
  /** Volumetric divisor (cm³ per kg): 5000 express, 6000 air, null for sea. */
  divisor: 5000 | 6000 | null;
  /** quantity × 100 as an exact integer; the value pricing uses. */
  hundredths: number;
}

export const EXPRESS_DIVISOR = 5000;
export const AIR_DIVISOR = 6000;

/** Half a kilogram in grams: express and air round up to this step. */
const HALF_KG_GRAMS = 500n;

/**
 * Parses a kg figure with at most 3 decimals to integer grams, exactly.
 * Math.round absorbs the float noise of kg×1000 (12.345×1000 = 12344.999…); the round trip
 * grams/1000 === kg then proves there was no 4th decimal (division is correctly rounded).
 */
export function kgToGrams(kg: number): number {
  if (!Number.isFinite(kg) || kg < 0) throw new RangeError(`weight must be a finite, non-negative number of kg: ${kg}`);
  const grams = Math.round(kg * 1000);
  if (!Number.isSafeInteger(grams) || grams / 1000 !== kg) {
    throw new RangeError(`weight must have at most 3 decimals: ${kg}`);
  }
  return grams;
}

/** ceil(a / b) for non-negative bigints. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function checkedPiece(piece: Piece): { quantity: bigint; grams: bigint; volumeCm3: bigint } {
  const { quantity, lengthCm, widthCm, heightCm } = piece;
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new RangeError(`quantity must be a positive integer: ${quantity}`);
  for (const side of [lengthCm, widthCm, heightCm]) {
    if (!Number.isSafeInteger(side) || side < 1) throw new RangeError(`dimensions must be whole, positive centimetres: ${side}`);
  }
  return {
    quantity: BigInt(quantity),
    grams: BigInt(kgToGrams(piece.weightKg)),
    volumeCm3: BigInt(lengthCm) * BigInt(widthCm) * BigInt(heightCm),
  };
}

/**
 * Number of half-kilograms, rounded up, for max(actual, volumetric).
 * Both sides are scaled to grams × divisor so the comparison is exact:
 * actual = grams × divisor, volumetric = cm³ / divisor kg = cm³ × 1000 grams (× divisor / divisor).
 */
function halfKilos(grams: bigint, volumeCm3: bigint, divisor: number): bigint {
  const d = BigInt(divisor);
  return ceilDiv(max(grams * d, volumeCm3 * 1000n), HALF_KG_GRAMS * d);
}

function fromHundredths(hundredths: bigint, unit: ChargeableUnit, divisor: Chargeable['divisor']): Chargeable {
  const h = Number(hundredths);
  return { quantity: h / 100, unit, divisor, hundredths: h };
}

export function chargeable(mode: QuoteMode, pieces: readonly Piece[]): Chargeable {
  if (pieces.length === 0) throw new RangeError('at least one piece is required');
  const checked = pieces.map(checkedPiece);

  switch (mode) {
    case 'express': {
      // Per piece: round each piece up to 0.5 kg first, then × quantity, then sum.
      const halves = checked.reduce((sum, p) => sum + halfKilos(p.grams, p.volumeCm3, EXPRESS_DIVISOR) * p.quantity, 0n);
      return fromHundredths(halves * 50n, 'kg', EXPRESS_DIVISOR);
    }
    case 'air': {
      // Whole shipment: sum actual and volumetric separately, compare, round up once.
      const grams = checked.reduce((sum, p) => sum + p.grams * p.quantity, 0n);
      const volume = checked.reduce((sum, p) => sum + p.volumeCm3 * p.quantity, 0n);
      return fromHundredths(halfKilos(grams, volume, AIR_DIVISOR) * 50n, 'kg', AIR_DIVISOR);
    }
    case 'sea_lcl': {
      // Revenue tonnes: 1 m³ = 1,000,000 cm³ and 1 t = 1,000,000 g, so 0.01 rt = 10,000 of either.
      const grams = checked.reduce((sum, p) => sum + p.grams * p.quantity, 0n);
      const volume = checked.reduce((sum, p) => sum + p.volumeCm3 * p.quantity, 0n);
      const hundredths = max(max(ceilDiv(volume, 10_000n), ceilDiv(grams, 10_000n)), 100n);
      return fromHundredths(hundredths, 'rt', null);
    }
    default: {
      const unknown: never = mode;
      throw new RangeError(`unknown mode: ${String(unknown)}`);
    }
  }
}
