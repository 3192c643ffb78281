/**
 * Lane (rate card) rules of SPEC §4.4 that class-validator cannot express on its own: ranges that
 * depend on another field, ordered weight breaks, integer money, decimal places of weights.
 * Pure: the DTO layer checks types and enums first, this adds the rules between the numbers.
 */
export type Mode = 'express' | 'air' | 'sea_lcl';
export const MODES: readonly Mode[] = ['express', 'air', 'sea_lcl'];

export type BuyerTier = 'L0' | 'L1' | 'L2' | 'L3' | 'L4';

export interface WeightBreak {
  /** Lower bound in kg (revenue tonnes for sea_lcl), at most 3 decimals. */
  minKg: number;
  ratePerUnitMinor: number;
}

export interface RemoteArea {
  postcodePrefixes: string[];
  perKgMinor: number;
  minMinor: number;
}

export interface RateCard {
  originCountry: string;
  destinationCountry: string;
  mode: Mode;
  transitDays: { min: number; max: number };
  handlingDays: number;
  weightBreaks: WeightBreak[];
  minChargeMinor: number;
  fuelSurchargeBps: number;
  remoteArea: RemoteArea | null;
  oversizeFeeMinor: number;
  maxPieceWeightKg: number;
  dangerousGoods: boolean;
  minBuyerTier: BuyerTier;
}

/** Same shape as problem+json `errors[]` (SPEC §1), so a service can pass it straight through. */
export interface FieldError {
  field: string;
  message: string;
}

export const TRANSIT_DAYS = { min: 1, max: 90 } as const;
export const HANDLING_DAYS = { min: 0, max: 10 } as const;
export const FUEL_SURCHARGE_BPS = { min: 0, max: 10_000 } as const;
export const MAX_PIECE_WEIGHT_KG = 1000;
export const POSTCODE_PREFIX = /^[A-Z0-9]{1,10}$/;

const isIntIn = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
/**
 * Upper bounds on a rate card's money, so that no quote can overflow: the largest shipment (50
 * lines × 999 pieces × 12,800 kg volumetric ≈ 6.4 × 10⁸ kg) at the largest rate, with every line at
 * its maximum and 100 % fuel, stays below 2⁵³ cents (≈ 2.7 × 10¹⁵).
 */
export const MAX_RATE_MINOR = 1_000_000; // USD 10,000 per kg or revenue tonne
export const MAX_FEE_MINOR = 1_000_000_000; // USD 10 million per charge

const isMinor = (v: number, max = MAX_FEE_MINOR) => Number.isSafeInteger(v) && v >= 0 && v <= max;

/**
 * Weights carry at most 3 decimals (SPEC §1). `x * 1000` is not exact in binary floating point
 * (1.005 * 1000 = 1004.999…), so compare with a tolerance far below a gram.
 */
export function hasAtMost3Decimals(v: number): boolean {
  if (!Number.isFinite(v)) return false;
  const grams = v * 1000;
  return Math.abs(grams - Math.round(grams)) < 1e-6;
}

/** All cross-field errors of a lane, in field order; an empty list means the lane is valid. */
export function validateRateCard(lane: RateCard): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });

  if (lane.originCountry === lane.destinationCountry) {
    add('destinationCountry', 'must differ from originCountry');
  }

  const { min, max } = lane.transitDays;
  const transitRange = `must be an integer from ${TRANSIT_DAYS.min} to ${TRANSIT_DAYS.max}`;
  const minOk = isIntIn(min, TRANSIT_DAYS.min, TRANSIT_DAYS.max);
  const maxOk = isIntIn(max, TRANSIT_DAYS.min, TRANSIT_DAYS.max);
  if (!minOk) add('transitDays.min', transitRange);
  if (!maxOk) add('transitDays.max', transitRange);
  // Only compare the two once each is valid on its own, so one mistake gives one error.
  if (minOk && maxOk && min > max) add('transitDays.min', `must not exceed transitDays.max (${max})`);

  if (!isIntIn(lane.handlingDays, HANDLING_DAYS.min, HANDLING_DAYS.max)) {
    add('handlingDays', `must be an integer from ${HANDLING_DAYS.min} to ${HANDLING_DAYS.max}`);
  }

  validateWeightBreaks(lane.weightBreaks, add);

  if (!isMinor(lane.minChargeMinor)) add('minChargeMinor', `must be a non-negative integer, at most ${MAX_FEE_MINOR}`);
  if (!isIntIn(lane.fuelSurchargeBps, FUEL_SURCHARGE_BPS.min, FUEL_SURCHARGE_BPS.max)) {
    add('fuelSurchargeBps', 'must be an integer from 0 to 10000');
  }

  if (lane.remoteArea !== null) validateRemoteArea(lane.remoteArea, add);

  if (!isMinor(lane.oversizeFeeMinor)) add('oversizeFeeMinor', `must be a non-negative integer, at most ${MAX_FEE_MINOR}`);

  const w = lane.maxPieceWeightKg;
  if (!(Number.isFinite(w) && w > 0 && w <= MAX_PIECE_WEIGHT_KG)) {
    add('maxPieceWeightKg', `must be greater than 0 and at most ${MAX_PIECE_WEIGHT_KG}`);
  } else if (!hasAtMost3Decimals(w)) {
    add('maxPieceWeightKg', 'must have at most 3 decimals');
  }

  return errors;
}

function validateWeightBreaks(breaks: WeightBreak[], add: (field: string, message: string) => void): void {
  if (breaks.length === 0) {
    add('weightBreaks', 'must contain at least one weight break');
    return;
  }
  breaks.forEach((wb, i) => {
    const field = `weightBreaks[${i}]`;
    if (!(Number.isFinite(wb.minKg) && wb.minKg >= 0)) {
      add(`${field}.minKg`, 'must be a number ≥ 0');
    } else if (!hasAtMost3Decimals(wb.minKg)) {
      add(`${field}.minKg`, 'must have at most 3 decimals');
    } else if (i === 0 && wb.minKg !== 0) {
      // Otherwise a small shipment would have no rate at all.
      add(`${field}.minKg`, 'must be 0 for the first weight break');
    } else if (i > 0 && Number.isFinite(breaks[i - 1].minKg) && wb.minKg <= breaks[i - 1].minKg) {
      add(`${field}.minKg`, `must be greater than weightBreaks[${i - 1}].minKg (${breaks[i - 1].minKg})`);
    }
    if (!(Number.isSafeInteger(wb.ratePerUnitMinor) && wb.ratePerUnitMinor > 0 && wb.ratePerUnitMinor <= MAX_RATE_MINOR)) {
      add(`${field}.ratePerUnitMinor`, `must be a positive integer, at most ${MAX_RATE_MINOR}`);
    }
  });
}

function validateRemoteArea(area: RemoteArea, add: (field: string, message: string) => void): void {
  // An area with no prefixes matches nothing: the client meant `remoteArea: null`.
  if (area.postcodePrefixes.length === 0) add('remoteArea.postcodePrefixes', 'must contain at least one prefix');
  area.postcodePrefixes.forEach((prefix, i) => {
    const field = `remoteArea.postcodePrefixes[${i}]`;
    if (typeof prefix !== 'string' || !POSTCODE_PREFIX.test(prefix)) {
      add(field, 'must be 1 to 10 upper-case letters or digits');
    } else if (area.postcodePrefixes.indexOf(prefix) < i) {
      add(field, `duplicates "${prefix}"`);
    }
  });
  if (!isMinor(area.perKgMinor, MAX_RATE_MINOR)) add('remoteArea.perKgMinor', `must be a non-negative integer, at most ${MAX_RATE_MINOR}`);
  if (!isMinor(area.minMinor)) add('remoteArea.minMinor', `must be a non-negative integer, at most ${MAX_FEE_MINOR}`);
}
