import type { Piece } from './chargeable';
import { buildQuote, MAX_OPTIONS, type BuyerTerms, type QuotableLane, type QuoteRequest } from './quote-builder';
import { EXAMPLE_PIECES, EXAMPLE_RATE_CARD } from './spec-example';

const NOW = new Date('2026-06-01T12:00:00Z'); // a Monday

const lane = ({
  providerLegalName = 'Alpha Logistics',
  ...overrides
}: Partial<QuotableLane> & { providerLegalName?: string } = {}): QuotableLane => ({
  id: 'lane-a',
  providerId: 'prov-a',
  provider: { legalName: providerLegalName },
  originCountry: 'CN',
  destinationCountry: 'US',
  mode: 'express',
  ...EXAMPLE_RATE_CARD,
  ...overrides,
});

// 2 × (5 kg, 40×30×30 → 7.2 kg volumetric → 7.5) + 1 × (3.2 kg, 20×20×20 → 3.5) = 18.5 kg chargeable.
const pieces: Piece[] = EXAMPLE_PIECES;

const request = (overrides: Partial<QuoteRequest> = {}): QuoteRequest => ({
  origin: { country: 'CN' },
  destination: { country: 'US', postcode: '99501' },
  readyDate: '2026-06-05', // a Friday
  pieces,
  goods: { category: 'general', description: 'cotton t-shirts' },
  declaredValue: { amountMinor: 100_000, currency: 'USD' },
  ...overrides,
});

const terms = (tier: BuyerTerms['tier'], discountBps: number, quoteValidityHours: number, automaticCompensation = false): BuyerTerms => ({
  tier,
  discountBps,
  quoteValidityHours,
  automaticCompensation,
});
const L0 = terms('L0', 0, 24);

function built(result: ReturnType<typeof buildQuote>) {
  if (result.prohibited) throw new Error('unexpectedly prohibited');
  return result;
}

describe('buildQuote (SPEC §5)', () => {
  it('prices one option line by line: 18.5 kg express, higher break cheaper, remote area, fuel on the right base', () => {
    const [option] = built(buildQuote(request(), [lane()], L0, NOW)).options;
    expect(option!.chargeable).toEqual({ quantity: 18.5, unit: 'kg', divisor: 5000 });
    expect(option!.lines).toEqual([
      { code: 'base_freight', amountMinor: 16_000 }, // 18.5 × 1000 = 18,500 > 20 × 800 = 16,000
      { code: 'remote_area', amountMinor: 2500 }, // max(18.5 × 50 = 925, 2500)
      { code: 'fuel_surcharge', amountMinor: 2313 }, // 12.5 % × 18,500 = 2312.5 → 2313
    ]);
    expect(option!.totalMinor).toBe(20_813);
    expect(option).toMatchObject({ currency: 'USD', pickupBy: '2026-06-08', guaranteedBy: '2026-06-12' });
  });

  it.each([
    ['L0', terms('L0', 0, 24), 20_813, 24, false],
    ['L1', terms('L1', 0, 24), 20_813, 24, false],
    ['L2', terms('L2', 200, 48), 20_397, 48, false], // −416.26 → −416
    ['L3', terms('L3', 400, 72, true), 19_980, 72, true], // −832.52 → −833
    ['L4', terms('L4', 600, 72, true), 19_564, 72, true], // −1248.78 → −1249
  ] as const)('applies the %s benefits (discount, validity, automatic compensation)', (_tier, t, total, hours, automatic) => {
    const quote = built(buildQuote(request(), [lane()], t, NOW));
    expect(quote.options[0]!.totalMinor).toBe(total);
    expect(quote.expiresAt).toEqual(new Date(NOW.getTime() + hours * 3_600_000));
    expect(quote.options[0]!.onTimeGuarantee).toEqual({
      guaranteedBy: '2026-06-12',
      compensationBps: 1000,
      compensationCapMinor: 10_000,
      automatic,
    });
  });

  it('moves a weekend ready date to Monday before counting business days', () => {
    const [option] = built(buildQuote(request({ readyDate: '2026-06-06' }), [lane()], L0, NOW)).options;
    expect(option).toMatchObject({ pickupBy: '2026-06-09', guaranteedBy: '2026-06-15' });
  });

  it('orders cheapest first, then earlier guaranteedBy, then provider legal name', () => {
    const lanes = [
      lane({ id: 'slow', providerLegalName: 'Aardvark', transitDays: { min: 2, max: 6 } }),
      lane({ id: 'zulu', providerLegalName: 'Zulu Freight' }),
      lane({ id: 'cheap', providerLegalName: 'Yak', fuelSurchargeBps: 0 }),
      lane({ id: 'beta', providerLegalName: 'Beta Cargo' }),
    ];
    const ids = built(buildQuote(request(), lanes, L0, NOW)).options.map((o) => o.laneId);
    expect(ids).toEqual(['cheap', 'beta', 'zulu', 'slow']);
  });

  it('keeps at most 20 options', () => {
    const lanes = Array.from({ length: 25 }, (_, i) => lane({ id: `l${i}`, providerId: `p${i}`, minChargeMinor: 30_000 + i }));
    const quote = built(buildQuote(request(), lanes, L0, NOW));
    expect(quote.options).toHaveLength(MAX_OPTIONS);
    expect(quote.options[0]!.laneId).toBe('l0');
  });

  it('quotes only lanes of the requested mode and route', () => {
    const lanes = [lane({ id: 'air', mode: 'air' }), lane({ id: 'gb', destinationCountry: 'GB' }), lane({ id: 'exp' })];
    expect(built(buildQuote(request({ mode: 'air' }), lanes, L0, NOW)).options.map((o) => o.laneId)).toEqual(['air']);
    expect(
      built(buildQuote(request(), lanes, L0, NOW))
        .options.map((o) => o.laneId)
        .sort(),
    ).toEqual(['air', 'exp']);
  });

  it.each([
    ['tier', lane({ minBuyerTier: 'L3' }), request()],
    ['piece_weight', lane({ maxPieceWeightKg: 4.999 }), request()],
    ['dangerous_goods', lane(), request({ goods: { category: 'lithium_batteries', description: 'power banks' } })],
  ] as const)('answers no options and the reason %s when every lane refuses', (reason, l, req) => {
    const quote = built(buildQuote(req, [l, { ...l, id: 'lane-b' }], L0, NOW));
    expect(quote.options).toEqual([]);
    expect(quote.unavailable).toEqual([{ reason, count: 2 }]);
  });

  it('quotes lithium batteries on dangerous-goods lanes only, and a tier-gated lane to a buyer at that tier', () => {
    const lanes = [lane({ id: 'dg', dangerousGoods: true }), lane({ id: 'plain' }), lane({ id: 'gold', minBuyerTier: 'L2' })];
    const quote = built(
      buildQuote(request({ goods: { category: 'lithium_batteries', description: 'cells' } }), lanes, terms('L2', 200, 48), NOW),
    );
    expect(quote.options.map((o) => o.laneId)).toEqual(['dg']);
    expect(quote.unavailable).toEqual([{ reason: 'dangerous_goods', count: 2 }]);
  });

  it('says no_lane when nothing serves the route', () => {
    const quote = built(buildQuote(request({ destination: { country: 'DE', postcode: '10115' } }), [lane()], L0, NOW));
    expect(quote.options).toEqual([]);
    expect(quote.unavailable).toEqual([{ reason: 'no_lane', count: 0 }]);
  });

  it.each([
    ['weapons', 'GB', 'prohibited_everywhere'],
    ['children_outerwear_drawstrings', 'US', 'children_outerwear_drawstrings_us_ca'],
  ] as const)('refuses %s to %s by the rule %s', (category, country, rule) => {
    const result = buildQuote(
      request({ goods: { category, description: 'x' }, destination: { country, postcode: '1' } }),
      [lane()],
      L0,
      NOW,
    );
    expect(result.prohibited).toMatchObject({ rule });
  });
});
