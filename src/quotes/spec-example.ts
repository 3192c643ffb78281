/**
 * The worked example of SPEC §5 used by the pure quote tests and the HTTP tests alike.
 *
 * Rate card: breaks 0/10/20 kg at 12.00/10.00/8.00 USD, minimum 50.00, fuel 12.5 %, remote prefix
 * 995 (0.50/kg, at least 25.00), oversize 30.00, handling 1 business day, transit 2–4.
 */
export const EXAMPLE_RATE_CARD = {
  transitDays: { min: 2, max: 4 },
  handlingDays: 1,
  weightBreaks: [
    { minKg: 0, ratePerUnitMinor: 1200 },
    { minKg: 10, ratePerUnitMinor: 1000 },
    { minKg: 20, ratePerUnitMinor: 800 },
  ],
  minChargeMinor: 5000,
  fuelSurchargeBps: 1250,
  remoteArea: { postcodePrefixes: ['995'], perKgMinor: 50, minMinor: 2500 },
  oversizeFeeMinor: 3000,
  maxPieceWeightKg: 70,
  dangerousGoods: false,
  minBuyerTier: 'L0' as const,
};

/** 2 × (5 kg, 40×30×30 cm → 7.2 kg volumetric → 7.5) + 1 × (3.2 kg, 20×20×20 cm → 3.5): 18.5 kg by express. */
export const EXAMPLE_PIECES = [
  { quantity: 2, weightKg: 5, lengthCm: 40, widthCm: 30, heightCm: 30 },
  { quantity: 1, weightKg: 3.2, lengthCm: 20, widthCm: 20, heightCm: 20 },
];
