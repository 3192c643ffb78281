import type { Piece } from './chargeable';
import { baseFreight, oversizeFee, priceLines, remoteAreaFee, type LaneRates, type PriceInput, type PriceLine } from './pricing';

const piece = (weightKg: number, [lengthCm, widthCm, heightCm]: [number, number, number], quantity = 1): Piece => ({
  quantity,
  weightKg,
  lengthCm,
  widthCm,
  heightCm,
});
const small: [number, number, number] = [10, 10, 10];
const kg = (quantity: number) => Math.round(quantity * 100); // chargeable hundredths

const expressBreaks = [
  { minKg: 0, ratePerUnitMinor: 1200 },
  { minKg: 10, ratePerUnitMinor: 1000 },
  { minKg: 20, ratePerUnitMinor: 800 },
];
const seaBreaks = [
  { minKg: 0, ratePerUnitMinor: 9000 },
  { minKg: 1.5, ratePerUnitMinor: 8000 },
  { minKg: 5, ratePerUnitMinor: 7000 },
];

describe('base_freight (SPEC §5.2.1): chargeable × rate of the highest break ≤ it, cheaper higher break, minimum', () => {
  it.each([
    ['12.5 kg at the 10 kg break: 12.5 × 1000', expressBreaks, 5_000, 12.5, 12_500],
    ['10 kg is on the 10 kg break: 10 × 1000', expressBreaks, 5_000, 10, 10_000],
    ['19 kg: 19 × 1000 = 19,000, but 20 × 800 = 16,000 is lower', expressBreaks, 5_000, 19, 16_000],
    ['16 kg: 16 × 1000 = 16,000 ties 20 × 800', expressBreaks, 5_000, 16, 16_000],
    ['15.5 kg: 15,500 is below 20 × 800', expressBreaks, 5_000, 15.5, 15_500],
    ['9.5 kg: 9.5 × 1200 = 11,400, but 10 × 1000 = 10,000 is lower', expressBreaks, 5_000, 9.5, 10_000],
    ['20 kg at the 20 kg break: 20 × 800', expressBreaks, 5_000, 20, 16_000],
    ['4 kg: 4 × 1200 = 4,800 is raised to the 5,000 minimum', expressBreaks, 5_000, 4, 5_000],
    ['0.5 kg: 600 is raised to the 5,000 minimum', expressBreaks, 5_000, 0.5, 5_000],
    ['half-up: 12.5 × 1001 = 12,512.5 → 12,513', [{ minKg: 0, ratePerUnitMinor: 1001 }], 0, 12.5, 12_513],
    ['1 rt × 9000 = 9,000 is raised to the 10,000 minimum', seaBreaks, 10_000, 1, 10_000],
    ['1.2 rt × 9000 = 10,800', seaBreaks, 10_000, 1.2, 10_800],
    ['1.37 rt: 12,330, but 1.5 × 8000 = 12,000 is lower', seaBreaks, 10_000, 1.37, 12_000],
    ['4.5 rt: 4.5 × 8000 = 36,000, but 5 × 7000 = 35,000 is lower', seaBreaks, 10_000, 4.5, 35_000],
    ['3.03 rt × 8000 = 24,240', seaBreaks, 10_000, 3.03, 24_240],
    ['half-up: 1.37 rt × 8,550 = 11,713.5 → 11,714', [{ minKg: 0, ratePerUnitMinor: 8550 }], 0, 1.37, 11_714],
  ])('%s', (_rule, breaks, minChargeMinor, quantity, expected) => {
    expect(baseFreight(kg(quantity), breaks, minChargeMinor)).toBe(expected);
  });

  it('refuses breaks that do not start at 0', () => {
    expect(() => baseFreight(kg(5), [{ minKg: 10, ratePerUnitMinor: 1000 }], 0)).toThrow(RangeError);
  });
});

describe('remote_area (SPEC §5.2.2): postcode upper-cased, spaces removed, starts with a prefix', () => {
  const remote = { postcodePrefixes: ['SW1', 'BT', 'hs 2'], perKgMinor: 150, minMinor: 2500 };
  it.each([
    ['"sw1a 1aa" matches SW1; 12.5 × 150 = 1,875 → minimum 2,500', 'sw1a 1aa', 12.5, 2_500],
    ['"SW1A1AA" matches SW1; 20 × 150 = 3,000', 'SW1A1AA', 20, 3_000],
    ['"sw 1a" matches SW1 once spaces are gone', 'sw 1a', 20, 3_000],
    ['"bt1 1aa" matches BT; 17.5 × 150 = 2,625', 'bt1 1aa', 17.5, 2_625],
    ['a lane prefix "hs 2" is normalized too', 'HS2 3XY', 20, 3_000],
    ['"SW2 1AA" is not remote', 'SW2 1AA', 20, null],
    ['"W1A 0AX" does not start with a prefix', 'W1A 0AX', 20, null],
    ['no postcode is not remote', null, 20, null],
  ])('%s', (_rule, postcode, quantity, expected) => {
    expect(remoteAreaFee(kg(quantity), remote, postcode)).toBe(expected);
  });

  it('rounds half-up: 12.5 × 155 = 1,937.5 → 1,938', () => {
    expect(remoteAreaFee(kg(12.5), { postcodePrefixes: ['SW1'], perKgMinor: 155, minMinor: 1000 }, 'SW1A')).toBe(1938);
  });

  it('is absent when the lane has no remote-area table', () => {
    expect(remoteAreaFee(kg(20), null, 'SW1A 1AA')).toBeNull();
  });
});

describe('oversize (SPEC §5.2.3): fee × quantity per line with longest side > 120 cm or piece > 70 kg', () => {
  it.each<[string, 'express' | 'air' | 'sea_lcl', Piece[], number]>([
    ['length 121 cm, quantity 2', 'express', [piece(10, [121, 10, 10], 2)], 6_000],
    ['length 120 cm is not oversize', 'express', [piece(10, [120, 120, 120], 2)], 0],
    ['height is a side too: 10×10×121 by air', 'air', [piece(10, [10, 10, 121])], 3_000],
    ['70 kg is not oversize', 'express', [piece(70, small)], 0],
    ['70.001 kg is oversize', 'express', [piece(70.001, small)], 3_000],
    ['weight is per piece: 3 × 30 kg is not oversize', 'air', [piece(30, small, 3)], 0],
    ['two oversize lines: 1 + 3 pieces', 'express', [piece(71, small), piece(1, [130, 10, 10], 3), piece(1, small, 5)], 12_000],
    ['sea_lcl never pays it', 'sea_lcl', [piece(500, [200, 100, 100])], 0],
  ])('%s (%s)', (_rule, mode, pieces, expected) => {
    expect(oversizeFee(mode, pieces, 3_000)).toBe(expected);
  });
});

describe('priceLines (SPEC §5.2): the lines in order, each rounded half-up, and their total', () => {
  const lane: LaneRates = {
    weightBreaks: expressBreaks,
    minChargeMinor: 5_000,
    fuelSurchargeBps: 1_250,
    remoteArea: { postcodePrefixes: ['SW1'], perKgMinor: 150, minMinor: 2_500 },
    oversizeFeeMinor: 3_000,
  };
  const input = (over: Partial<PriceInput>): PriceInput => ({
    mode: 'express',
    chargeableHundredths: kg(12.5),
    pieces: [piece(12.5, small)],
    lane,
    destinationPostcode: '10001',
    discountBps: 0,
    ...over,
  });
  const lines = (...pairs: [PriceLine['code'], number][]) => pairs.map(([code, amountMinor]) => ({ code, amountMinor }));

  it.each<[string, Partial<PriceInput>, PriceLine[], number]>([
    ['fuel 12.5% of 12,500 = 1,562.5 → 1,563', {}, lines(['base_freight', 12_500], ['fuel_surcharge', 1_563]), 14_063],
    [
      'fuel 12.5% of 12,345 (15 kg × 823) = 1,543.125 → 1,543',
      { chargeableHundredths: kg(15), lane: { ...lane, weightBreaks: [{ minKg: 0, ratePerUnitMinor: 823 }] } },
      lines(['base_freight', 12_345], ['fuel_surcharge', 1_543]),
      13_888,
    ],
    [
      'fuel is on base + remote + oversize: 12.5% of 18,000',
      { destinationPostcode: 'sw1a 1aa', pieces: [piece(12.5, [121, 10, 10])] },
      lines(['base_freight', 12_500], ['remote_area', 2_500], ['oversize', 3_000], ['fuel_surcharge', 2_250]),
      20_250,
    ],
    [
      'L4 6% comes off lines 1–4: 6% of 20,250 = 1,215',
      { destinationPostcode: 'sw1a 1aa', pieces: [piece(12.5, [121, 10, 10])], discountBps: 600 },
      lines(['base_freight', 12_500], ['remote_area', 2_500], ['oversize', 3_000], ['fuel_surcharge', 2_250], ['tier_discount', -1_215]),
      19_035,
    ],
    ['no fuel line at 0 bps', { lane: { ...lane, fuelSurchargeBps: 0 } }, lines(['base_freight', 12_500]), 12_500],
    [
      'sea_lcl in revenue tonnes: 1.37 rt, remote 1.37 × 2000, no oversize, fuel 10%, L3 4%',
      {
        mode: 'sea_lcl',
        chargeableHundredths: 137,
        pieces: [piece(1, [137, 100, 100])],
        destinationPostcode: 'SW1A 1AA',
        discountBps: 400,
        lane: {
          weightBreaks: seaBreaks,
          minChargeMinor: 10_000,
          fuelSurchargeBps: 1_000,
          remoteArea: { postcodePrefixes: ['SW1'], perKgMinor: 2_000, minMinor: 1_000 },
          oversizeFeeMinor: 3_000,
        },
      },
      // 12,330 capped by 1.5 × 8000; fuel 10% of 14,740; discount 4% of 16,214 = 648.56 → 649
      lines(['base_freight', 12_000], ['remote_area', 2_740], ['fuel_surcharge', 1_474], ['tier_discount', -649]),
      15_565,
    ],
  ])('%s', (_rule, over, expectedLines, total) => {
    expect(priceLines(input(over))).toEqual({ lines: expectedLines, totalMinor: total });
  });

  describe('tier_discount (SPEC §3.4): −(discount × lines 1–4), half-up, absent at 0 %', () => {
    // 12.5 kg × 1002 = 12,525 and no fuel, so the discount base is 12,525.
    const flat = { ...lane, weightBreaks: [{ minKg: 0, ratePerUnitMinor: 1002 }], fuelSurchargeBps: 0 };
    it.each([
      ['L0/L1 0%: no line', 0, null, 12_525],
      ['L2 2%: 250.5 → 251', 200, -251, 12_274],
      ['L3 4%: 501', 400, -501, 12_024],
      ['L4 6%: 751.5 → 752', 600, -752, 11_773],
    ])('%s', (_tier, discountBps, discount, total) => {
      const price = priceLines(input({ lane: flat, discountBps }));
      expect(price.lines.find((line) => line.code === 'tier_discount')?.amountMinor ?? null).toBe(discount);
      expect(price.totalMinor).toBe(total);
    });
  });

  it.each<[string, Partial<PriceInput>]>([
    ['zero chargeable', { chargeableHundredths: 0 }],
    ['fractional chargeable', { chargeableHundredths: 12.5 }],
    ['discount above 100 %', { discountBps: 10_001 }],
    ['negative fuel', { lane: { ...lane, fuelSurchargeBps: -1 } }],
    ['fractional rate', { lane: { ...lane, weightBreaks: [{ minKg: 0, ratePerUnitMinor: 10.5 }] } }],
  ])('refuses %s', (_case, over) => {
    expect(() => priceLines(input(over))).toThrow(RangeError);
  });
});
