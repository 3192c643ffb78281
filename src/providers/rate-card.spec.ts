import { hasAtMost3Decimals, validateRateCard, type RateCard } from './rate-card';

/** A valid lane; each case changes one thing. */
function lane(): RateCard {
  return {
    originCountry: 'CN',
    destinationCountry: 'US',
    mode: 'express',
    transitDays: { min: 3, max: 6 },
    handlingDays: 1,
    weightBreaks: [
      { minKg: 0, ratePerUnitMinor: 900 },
      { minKg: 21, ratePerUnitMinor: 750 },
      { minKg: 100.5, ratePerUnitMinor: 600 },
    ],
    minChargeMinor: 2500,
    fuelSurchargeBps: 1250,
    remoteArea: { postcodePrefixes: ['995', '996', 'HI9'], perKgMinor: 50, minMinor: 1500 },
    oversizeFeeMinor: 4000,
    maxPieceWeightKg: 68,
    dangerousGoods: false,
    minBuyerTier: 'L0',
  };
}

type Case = { case: string; change: (l: RateCard) => void; field: string; message: string };

describe('§4.4 lane rules', () => {
  it('a valid lane has no errors', () => {
    expect(validateRateCard(lane())).toEqual([]);
  });

  it.each<Omit<Case, 'field' | 'message'>>([
    { case: 'no remote area', change: (l) => (l.remoteArea = null) },
    { case: 'transitDays 1–90, min == max', change: (l) => (l.transitDays = { min: 90, max: 90 }) },
    { case: 'transitDays 1–1', change: (l) => (l.transitDays = { min: 1, max: 1 }) },
    { case: 'handlingDays 0', change: (l) => (l.handlingDays = 0) },
    { case: 'handlingDays 10', change: (l) => (l.handlingDays = 10) },
    { case: 'fuelSurchargeBps 0', change: (l) => (l.fuelSurchargeBps = 0) },
    { case: 'fuelSurchargeBps 10,000', change: (l) => (l.fuelSurchargeBps = 10_000) },
    { case: 'a single weight break at 0', change: (l) => (l.weightBreaks = [{ minKg: 0, ratePerUnitMinor: 1 }]) },
    { case: 'minKg with 3 decimals (1.005)', change: (l) => (l.weightBreaks[1].minKg = 1.005) },
    { case: 'zero fees', change: (l) => Object.assign(l, { minChargeMinor: 0, oversizeFeeMinor: 0 }) },
    { case: 'remote area free', change: (l) => Object.assign(l.remoteArea!, { perKgMinor: 0, minMinor: 0 }) },
    { case: 'prefix of 10 characters', change: (l) => (l.remoteArea!.postcodePrefixes = ['AB12CD34EF']) },
    { case: 'maxPieceWeightKg 1000', change: (l) => (l.maxPieceWeightKg = 1000) },
    { case: 'maxPieceWeightKg 0.001', change: (l) => (l.maxPieceWeightKg = 0.001) },
  ])('accepts $case', ({ change }) => {
    const l = lane();
    change(l);
    expect(validateRateCard(l)).toEqual([]);
  });

  it.each<Case>([
    {
      case: 'origin == destination',
      change: (l) => (l.destinationCountry = 'CN'),
      field: 'destinationCountry',
      message: 'must differ from originCountry',
    },

    { case: 'transitDays.min 0', change: (l) => (l.transitDays.min = 0), field: 'transitDays.min', message: 'integer from 1 to 90' },
    { case: 'transitDays.min 2.5', change: (l) => (l.transitDays.min = 2.5), field: 'transitDays.min', message: 'integer from 1 to 90' },
    { case: 'transitDays.max 91', change: (l) => (l.transitDays.max = 91), field: 'transitDays.max', message: 'integer from 1 to 90' },
    {
      case: 'transitDays.min > max',
      change: (l) => (l.transitDays = { min: 7, max: 6 }),
      field: 'transitDays.min',
      message: 'must not exceed transitDays.max (6)',
    },

    { case: 'handlingDays −1', change: (l) => (l.handlingDays = -1), field: 'handlingDays', message: 'integer from 0 to 10' },
    { case: 'handlingDays 11', change: (l) => (l.handlingDays = 11), field: 'handlingDays', message: 'integer from 0 to 10' },
    { case: 'handlingDays 1.5', change: (l) => (l.handlingDays = 1.5), field: 'handlingDays', message: 'integer from 0 to 10' },

    { case: 'no weight breaks', change: (l) => (l.weightBreaks = []), field: 'weightBreaks', message: 'at least one' },
    { case: 'first minKg not 0', change: (l) => (l.weightBreaks[0].minKg = 0.5), field: 'weightBreaks[0].minKg', message: 'must be 0' },
    {
      case: 'minKg equal to the previous',
      change: (l) => (l.weightBreaks[1].minKg = 0),
      field: 'weightBreaks[1].minKg',
      message: 'greater than weightBreaks[0].minKg (0)',
    },
    {
      case: 'minKg descending',
      change: (l) => (l.weightBreaks[2].minKg = 20),
      field: 'weightBreaks[2].minKg',
      message: 'greater than weightBreaks[1].minKg (21)',
    },
    { case: 'minKg negative', change: (l) => (l.weightBreaks[1].minKg = -1), field: 'weightBreaks[1].minKg', message: '≥ 0' },
    {
      case: 'minKg with 4 decimals',
      change: (l) => (l.weightBreaks[1].minKg = 21.0005),
      field: 'weightBreaks[1].minKg',
      message: 'at most 3 decimals',
    },
    {
      case: 'rate 0',
      change: (l) => (l.weightBreaks[1].ratePerUnitMinor = 0),
      field: 'weightBreaks[1].ratePerUnitMinor',
      message: 'positive integer',
    },
    {
      case: 'rate with a fraction of a cent',
      change: (l) => (l.weightBreaks[2].ratePerUnitMinor = 600.5),
      field: 'weightBreaks[2].ratePerUnitMinor',
      message: 'positive integer',
    },

    {
      case: 'rate over USD 10,000 per unit',
      change: (l) => (l.weightBreaks[0].ratePerUnitMinor = 1_000_001),
      field: 'weightBreaks[0].ratePerUnitMinor',
      message: 'at most 1000000',
    },
    {
      case: 'minChargeMinor over USD 10 million',
      change: (l) => (l.minChargeMinor = 1_000_000_001),
      field: 'minChargeMinor',
      message: 'at most 1000000000',
    },
    {
      case: 'remote perKgMinor over USD 10,000',
      change: (l) => (l.remoteArea!.perKgMinor = 1_000_001),
      field: 'remoteArea.perKgMinor',
      message: 'at most 1000000',
    },
    {
      case: 'oversizeFeeMinor over USD 10 million',
      change: (l) => (l.oversizeFeeMinor = 1_000_000_001),
      field: 'oversizeFeeMinor',
      message: 'at most 1000000000',
    },
    { case: 'minChargeMinor negative', change: (l) => (l.minChargeMinor = -1), field: 'minChargeMinor', message: 'non-negative integer' },
    {
      case: 'minChargeMinor fractional',
      change: (l) => (l.minChargeMinor = 99.9),
      field: 'minChargeMinor',
      message: 'non-negative integer',
    },

    {
      case: 'fuelSurchargeBps 10,001',
      change: (l) => (l.fuelSurchargeBps = 10_001),
      field: 'fuelSurchargeBps',
      message: 'integer from 0 to 10000',
    },
    {
      case: 'fuelSurchargeBps −1',
      change: (l) => (l.fuelSurchargeBps = -1),
      field: 'fuelSurchargeBps',
      message: 'integer from 0 to 10000',
    },
    {
      case: 'fuelSurchargeBps 12.5',
      change: (l) => (l.fuelSurchargeBps = 12.5),
      field: 'fuelSurchargeBps',
      message: 'integer from 0 to 10000',
    },

    {
      case: 'no postcode prefixes',
      change: (l) => (l.remoteArea!.postcodePrefixes = []),
      field: 'remoteArea.postcodePrefixes',
      message: 'at least one prefix',
    },
    {
      case: 'empty prefix',
      change: (l) => (l.remoteArea!.postcodePrefixes[1] = ''),
      field: 'remoteArea.postcodePrefixes[1]',
      message: 'upper-case letters or digits',
    },
    {
      case: 'lower-case prefix',
      change: (l) => (l.remoteArea!.postcodePrefixes[2] = 'hi9'),
      field: 'remoteArea.postcodePrefixes[2]',
      message: 'upper-case letters or digits',
    },
    {
      case: 'prefix with a space',
      change: (l) => (l.remoteArea!.postcodePrefixes[0] = 'SW1 '),
      field: 'remoteArea.postcodePrefixes[0]',
      message: 'upper-case letters or digits',
    },
    {
      case: 'prefix of 11 characters',
      change: (l) => (l.remoteArea!.postcodePrefixes[0] = 'AB12CD34EF5'),
      field: 'remoteArea.postcodePrefixes[0]',
      message: 'upper-case letters or digits',
    },
    {
      case: 'duplicate prefix',
      change: (l) => (l.remoteArea!.postcodePrefixes[2] = '995'),
      field: 'remoteArea.postcodePrefixes[2]',
      message: 'duplicates "995"',
    },
    {
      case: 'remote perKgMinor negative',
      change: (l) => (l.remoteArea!.perKgMinor = -5),
      field: 'remoteArea.perKgMinor',
      message: 'non-negative integer',
    },
    {
      case: 'remote minMinor fractional',
      change: (l) => (l.remoteArea!.minMinor = 0.5),
      field: 'remoteArea.minMinor',
      message: 'non-negative integer',
    },

    {
      case: 'oversizeFeeMinor negative',
      change: (l) => (l.oversizeFeeMinor = -1),
      field: 'oversizeFeeMinor',
      message: 'non-negative integer',
    },

    {
      case: 'maxPieceWeightKg 0',
      change: (l) => (l.maxPieceWeightKg = 0),
      field: 'maxPieceWeightKg',
      message: 'greater than 0 and at most 1000',
    },
    {
      case: 'maxPieceWeightKg 1000.001',
      change: (l) => (l.maxPieceWeightKg = 1000.001),
      field: 'maxPieceWeightKg',
      message: 'greater than 0 and at most 1000',
    },
    {
      case: 'maxPieceWeightKg with 4 decimals',
      change: (l) => (l.maxPieceWeightKg = 10.0001),
      field: 'maxPieceWeightKg',
      message: 'at most 3 decimals',
    },
  ])('refuses $case: $field', ({ change, field, message }) => {
    const l = lane();
    change(l);
    const errors = validateRateCard(l);
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe(field);
    expect(errors[0].message).toContain(message);
  });

  it('reports every error at once, in field order', () => {
    const l = lane();
    l.destinationCountry = 'CN';
    l.handlingDays = 11;
    l.weightBreaks[0].minKg = 1;
    l.maxPieceWeightKg = -1;
    expect(validateRateCard(l).map((e) => e.field)).toEqual([
      'destinationCountry',
      'handlingDays',
      'weightBreaks[0].minKg',
      'maxPieceWeightKg',
    ]);
  });
});

describe('weights carry at most 3 decimals', () => {
  it.each([
    [0, true],
    [1.005, true],
    [0.001, true],
    [12345.678, true],
    [0.0001, false],
    [1.0005, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('%p → %p', (value, ok) => {
    expect(hasAtMost3Decimals(value)).toBe(ok);
  });
});
