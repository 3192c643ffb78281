import { createTestApp, type TestApp } from '../support/test-app';
import { buyerAt, EXAMPLE_PIECES, providerWithLanes, quoteBody, type ScenarioProvider } from '../support/scenario';
import type { TestBuyer } from '../buyers/buyers.fixtures';

const ORIGIN = 'VN'; // this file's own lanes
const HOUR = 3_600_000;

describe('quotes (SPEC §5)', () => {
  let t: TestApp;
  let provider: ScenarioProvider;
  const buyers: Partial<Record<'L0' | 'L2' | 'L3', TestBuyer>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    provider = await providerWithLanes(t, ORIGIN, [{ mode: 'express' }], 'Quote Test Express');
    for (const tier of ['L0', 'L2', 'L3'] as const) buyers[tier] = await buyerAt(t, tier);
  });
  afterAll(() => t.close());

  const quote = (buyer: TestBuyer, body = quoteBody(ORIGIN)) => t.http.post('/v1/quotes').set(buyer.auth).send(body);

  it('prices the example line by line: 18.5 kg, higher break cheaper, remote area, fuel half-up', async () => {
    const res = await quote(buyers.L0!);
    expect(res.status).toBe(201);
    expect(res.body.options).toHaveLength(1);
    const [option] = res.body.options;
    expect(option).toMatchObject({
      providerId: provider.id,
      laneId: provider.laneIds[0],
      mode: 'express',
      chargeable: { quantity: 18.5, unit: 'kg', divisor: 5000 },
      lines: [
        { code: 'base_freight', amountMinor: 16_000 },
        { code: 'remote_area', amountMinor: 2500 },
        { code: 'fuel_surcharge', amountMinor: 2313 },
      ],
      totalMinor: 20_813,
      currency: 'USD',
      pickupBy: '2026-06-08',
      guaranteedBy: '2026-06-12',
      onTimeGuarantee: { guaranteedBy: '2026-06-12', compensationBps: 1000, compensationCapMinor: 10_000, automatic: false },
    });
    expect(res.body).toMatchObject({ buyerId: buyers.L0!.id, tier: 'L0', unavailable: [] });
    expect(new Date(res.body.expiresAt).getTime() - new Date(res.body.createdAt).getTime()).toBe(24 * HOUR);
  });

  it.each([
    ['L2', 20_397, 48, false], // −2 % of 20,813 = 416.26 → 416
    ['L3', 19_980, 72, true], // −4 % = 832.52 → 833
  ] as const)('gives an %s buyer its discount (total %i), a %i h lock and automatic=%s', async (tier, total, hours, automatic) => {
    const res = await quote(buyers[tier]!);
    expect(res.status).toBe(201);
    const [option] = res.body.options;
    expect(option.totalMinor).toBe(total);
    expect(option.lines.at(-1)).toEqual({ code: 'tier_discount', amountMinor: total - 20_813 });
    expect(option.onTimeGuarantee.automatic).toBe(automatic);
    expect(new Date(option.expiresAt).getTime() - new Date(res.body.createdAt).getTime()).toBe(hours * HOUR);
  });

  it('reads back the stored snapshot unchanged after the lane’s rates change', async () => {
    const created = await quote(buyers.L0!);
    const patch = await t.http
      .patch(`/v1/lanes/${provider.laneIds[0]}`)
      .set(provider.key)
      .send({ fuelSurchargeBps: 0, minChargeMinor: 90_000 });
    expect(patch.status).toBe(200);
    try {
      const read = await t.http.get(`/v1/quotes/${created.body.id}`).set(buyers.L0!.auth);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
      const fresh = await quote(buyers.L0!);
      expect(fresh.body.options[0].totalMinor).toBe(90_000 + 2500); // the new minimum, no fuel
    } finally {
      await t.http.patch(`/v1/lanes/${provider.laneIds[0]}`).set(provider.key).send({ fuelSurchargeBps: 1250, minChargeMinor: 5000 });
    }
  });

  it('shows a quote to its buyer and admins only', async () => {
    const created = await quote(buyers.L0!);
    expect((await t.http.get(`/v1/quotes/${created.body.id}`).set(t.admin)).status).toBe(200);
    expect((await t.http.get(`/v1/quotes/${created.body.id}`).set(buyers.L2!.auth)).status).toBe(404);
    expect((await t.http.get(`/v1/quotes/${created.body.id}`).set(provider.key)).status).toBe(403);
  });

  it('lets only buyers ask for quotes', async () => {
    expect((await t.http.post('/v1/quotes').set(provider.key).send(quoteBody(ORIGIN))).status).toBe(403);
    expect((await t.http.post('/v1/quotes').set(t.admin).send(quoteBody(ORIGIN))).status).toBe(403);
    expect((await t.http.post('/v1/quotes').send(quoteBody(ORIGIN))).status).toBe(401);
  });

  it('refuses prohibited goods with 422 goods_prohibited naming the rule, and stores nothing', async () => {
    const before = await countQuotes(t, buyers.L0!.id);
    const res = await quote(
      buyers.L0!,
      quoteBody(ORIGIN, { goods: { category: 'children_outerwear_drawstrings', description: 'hoodies' } }),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'goods_prohibited', rule: 'children_outerwear_drawstrings_us_ca' });
    expect(await countQuotes(t, buyers.L0!.id)).toBe(before);
  });

  it.each([
    ['no lane on the route', { destination: { country: 'DE', postcode: '10115' } }, [{ reason: 'no_lane', count: 0 }]],
    [
      'goods needing a dangerous-goods lane',
      { goods: { category: 'lithium_batteries', description: 'power banks' } },
      [{ reason: 'dangerous_goods', count: 1 }],
    ],
    [
      'a piece over the lane’s limit',
      { pieces: [{ quantity: 1, weightKg: 70.5, lengthCm: 50, widthCm: 50, heightCm: 50 }] },
      [{ reason: 'piece_weight', count: 1 }],
    ],
  ])('answers 200 with no options and the reason for %s', async (_label, overrides, unavailable) => {
    const res = await quote(buyers.L0!, quoteBody(ORIGIN, overrides));
    expect(res.status).toBe(200);
    expect(res.body.options).toEqual([]);
    expect(res.body.unavailable).toEqual(unavailable);
  });

  it.each([
    ['quantity 0', 'pieces[0].quantity', { pieces: [{ ...EXAMPLE_PIECES[0], quantity: 0 }] }],
    ['quantity 1000', 'pieces[0].quantity', { pieces: [{ ...EXAMPLE_PIECES[0], quantity: 1000 }] }],
    ['weight 0', 'pieces[0].weightKg', { pieces: [{ ...EXAMPLE_PIECES[0], weightKg: 0 }] }],
    ['weight over 1,000 kg', 'pieces[0].weightKg', { pieces: [{ ...EXAMPLE_PIECES[0], weightKg: 1000.5 }] }],
    ['weight with 4 decimals', 'pieces[0].weightKg', { pieces: [{ ...EXAMPLE_PIECES[0], weightKg: 1.2345 }] }],
    ['length 401 cm', 'pieces[0].lengthCm', { pieces: [{ ...EXAMPLE_PIECES[0], lengthCm: 401 }] }],
    ['no pieces', 'pieces', { pieces: [] }],
    ['51 piece lines', 'pieces', { pieces: Array.from({ length: 51 }, () => EXAMPLE_PIECES[0]) }],
    ['an unknown category', 'goods.category', { goods: { category: 'fireworks', description: 'x' } }],
    ['an unknown country', 'destination.country', { destination: { country: 'XX', postcode: '1' } }],
    ['UK instead of GB', 'origin.country', { origin: { country: 'UK' } }],
    ['a readyDate in the past', 'readyDate', { readyDate: '2026-05-31' }],
    ['a readyDate 31 days ahead', 'readyDate', { readyDate: '2026-07-02' }],
    ['a currency other than USD', 'declaredValue.currency', { declaredValue: { amountMinor: 100, currency: 'EUR' } }],
    ['a price field', 'totalMinor', { totalMinor: 1 }],
    ['a tier field', 'tier', { tier: 'L4' }],
  ] as const)('refuses %s with 400 naming %s, and stores nothing', async (_label, field, overrides) => {
    const before = await countQuotes(t, buyers.L0!.id);
    const res = await quote(buyers.L0!, quoteBody(ORIGIN, overrides as Record<string, unknown>));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await countQuotes(t, buyers.L0!.id)).toBe(before);
  });

  it('accepts readyDate today + 30 and defaults it to today', async () => {
    expect((await quote(buyers.L0!, quoteBody(ORIGIN, { readyDate: '2026-07-01' }))).status).toBe(201);
    const { readyDate: _omit, ...body } = quoteBody(ORIGIN);
    const res = await quote(buyers.L0!, body);
    expect(res.body.request.readyDate).toBe('2026-06-01');
    expect(res.body.options[0]).toMatchObject({ pickupBy: '2026-06-02', guaranteedBy: '2026-06-08' });
  });

  it('counts quotes in the metrics', async () => {
    const metrics = await t.http.get('/metrics');
    expect(metrics.text).toMatch(/quotes_created_total\{tier="L0"\} \d+/);
    expect(metrics.text).toContain('quote_duration_seconds_bucket');
  });

  it('does not quote a provider once it is restricted', async () => {
    const other = await providerWithLanes(t, 'KH', [{ mode: 'air' }], 'Restricted Soon Air');
    const body = quoteBody('KH');
    expect((await quote(buyers.L0!, body)).body.options).toHaveLength(1);
    const res = await t.http
      .post(`/v1/providers/${other.id}/violations`)
      .set(t.admin)
      .send({ code: 'forged_evidence', note: 'fake licence' });
    expect(res.status).toBe(201);
    const after = await quote(buyers.L0!, body);
    expect(after.body.options).toEqual([]);
  });
});

async function countQuotes(t: TestApp, buyerId: string): Promise<number> {
  const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM quotes WHERE buyer_id = $1', [buyerId]);
  return row.n;
}
