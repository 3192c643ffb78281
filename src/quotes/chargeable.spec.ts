import { chargeable, kgToGrams, type Piece, type QuoteMode } from './chargeable';

const piece = (weightKg: number, [lengthCm, widthCm, heightCm]: [number, number, number], quantity = 1): Piece => ({
  quantity,
  weightKg,
  lengthCm,
  widthCm,
  heightCm,
});
const small: [number, number, number] = [10, 10, 10]; // 1,000 cm³: never the volumetric side

describe('kgToGrams (SPEC §1: kg with at most 3 decimals)', () => {
  it.each([
    [12.345, 12_345], // 12.345 × 1000 is 12344.999… in floats
    [1.005, 1_005],
    [0.001, 1],
    [70, 70_000],
    [70.001, 70_001],
    [1000, 1_000_000],
    [0, 0],
  ])('%p kg = %p g', (kg, grams) => {
    expect(kgToGrams(kg)).toBe(grams);
  });

  it.each([[12.3456], [0.0001], [0.1 + 0.2], [Number.NaN], [Number.POSITIVE_INFINITY], [-1]])('refuses %p', (kg) => {
    expect(() => kgToGrams(kg)).toThrow(RangeError);
  });
});

describe('chargeable quantity (SPEC §5.1)', () => {
  describe('express: per piece max(actual, L×W×H / 5000), up to 0.5 kg, × quantity, summed', () => {
    it.each<[string, number, Piece[]]>([
      ['12.5 kg stays 12.5', 12.5, [piece(12.5, small)]],
      ['12.51 kg becomes 13', 13, [piece(12.51, small)]],
      ['12.501 kg becomes 13', 13, [piece(12.501, small)]],
      ['12 kg stays 12', 12, [piece(12, small)]],
      ['volumetric 50×40×30 / 5000 = 12 beats actual 5', 12, [piece(5, [50, 40, 30])]],
      ['volumetric 50×40×31 / 5000 = 12.4 → 12.5', 12.5, [piece(5, [50, 40, 31])]],
      ['volumetric 50×50×25 / 5000 = 12.5 exactly stays 12.5', 12.5, [piece(5, [50, 50, 25])]],
      ['actual 12.6 beats volumetric 12.5', 13, [piece(12.6, [50, 50, 25])]],
      ['each piece rounds before × quantity: 2 × 10.1 → 2 × 10.5', 21, [piece(10.1, small, 2)]],
      ['lines are summed: 12.5 + 3 × (0.2 → 0.5)', 14, [piece(12.5, small), piece(0.2, small, 3)]],
      ['a tiny piece is 0.5 kg', 0.5, [piece(0.001, [1, 1, 1])]],
    ])('%s → %p kg', (_rule, quantity, pieces) => {
      expect(chargeable('express', pieces)).toEqual({ quantity, unit: 'kg', divisor: 5000, hundredths: quantity * 100 });
    });
  });

  describe('air: max(Σ actual, Σ L×W×H / 6000) over the shipment, up to 0.5 kg', () => {
    it.each<[string, number, Piece[]]>([
      ['rounds once for the shipment: 2 × 10.1 = 20.2 → 20.5', 20.5, [piece(10.1, small, 2)]],
      ['volumetric 60×50×40 / 6000 = 20 beats actual 15', 20, [piece(15, [60, 50, 40])]],
      ['× quantity: 2 × 20 volumetric = 40', 40, [piece(15, [60, 50, 40], 2)]],
      ['volumetric 61×50×40 / 6000 = 20.33 → 20.5', 20.5, [piece(15, [61, 50, 40])]],
      ['divisor 6000, not 5000: 50×40×30 → 10', 10, [piece(5, [50, 40, 30])]],
      ['Σ actual 25 kg beats Σ volumetric 20 + 0.17', 25, [piece(5, [60, 50, 40]), piece(20, small)]],
      ['12.5 kg stays 12.5', 12.5, [piece(12.5, small)]],
      ['12.51 kg becomes 13', 13, [piece(12.51, small)]],
    ])('%s → %p kg', (_rule, quantity, pieces) => {
      expect(chargeable('air', pieces)).toEqual({ quantity, unit: 'kg', divisor: 6000, hundredths: quantity * 100 });
    });
  });

  describe('sea_lcl: revenue tonnes = max(Σ m³, Σ t, 1), up to 0.01', () => {
    it.each<[string, number, number, Piece[]]>([
      ['at least 1 rt: 100 kg, 0.125 m³', 1, 100, [piece(100, [50, 50, 50])]],
      ['volume 120×100×100 = 1.2 m³ beats 0.5 t', 1.2, 120, [piece(500, [120, 100, 100])]],
      ['weight 1,370 kg = 1.37 t beats 1.2 m³', 1.37, 137, [piece(1000, [120, 100, 100]), piece(370, small)]],
      ['1,370.001 kg → 1.38', 1.38, 138, [piece(1000, small), piece(370.001, small)]],
      ['137×100×100 = 1.37 m³ stays 1.37', 1.37, 137, [piece(1, [137, 100, 100])]],
      ['137×100×101 = 1.3837 m³ → 1.39', 1.39, 139, [piece(1, [137, 100, 101])]],
      ['× quantity: 3 × 1.01 m³ = 3.03', 3.03, 303, [piece(1, [101, 100, 100], 3)]],
    ])('%s → %p rt', (_rule, quantity, hundredths, pieces) => {
      expect(chargeable('sea_lcl', pieces)).toEqual({ quantity, unit: 'rt', divisor: null, hundredths });
    });
  });

  it.each<[string, Piece[]]>([
    ['no pieces', []],
    ['quantity 0', [piece(1, small, 0)]],
    ['fractional quantity', [piece(1, small, 1.5)]],
    ['fractional centimetres', [piece(1, [10.5, 10, 10])]],
    ['zero centimetres', [piece(1, [0, 10, 10])]],
    ['4 decimals of kg', [piece(1.0001, small)]],
  ])('refuses %s', (_case, pieces) => {
    for (const mode of ['express', 'air', 'sea_lcl'] as QuoteMode[]) {
      expect(() => chargeable(mode, pieces)).toThrow(RangeError);
    }
  });

  it('stays exact at the largest accepted shipment (50 lines × 999 × 1,000 kg, 400 cm cubes)', () => {
    const pieces = Array.from({ length: 50 }, () => piece(1000, [400, 400, 400], 999));
    // Σ volume = 50 × 999 × 64,000,000 cm³ = 3,196,800,000,000 cm³ → /6000 = 532,800,000 kg
    expect(chargeable('air', pieces).hundredths).toBe(53_280_000_000);
    // 3,196,800 m³ vs 49,950 t
    expect(chargeable('sea_lcl', pieces).hundredths).toBe(319_680_000);
  });
});
