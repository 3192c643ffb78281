import { BookableLanesService } from '../../src/providers/bookable-lanes.service';
import { MARKET_SCORECARD_TTL_MS } from '../../src/providers/market.service';
import { ProviderPerformanceReader, type ProviderPerformance } from '../../src/providers/provider-performance';
import { createTestApp, type TestApp } from '../support/test-app';
import { createLane, qualifiedProvider } from './fixtures';
import { buyerAt, providerWithLanes } from '../support/scenario';
import { bookedOrder, postEvent } from '../orders/orders.fixtures';

/** The suite shares one database (the demo spec seeds providers into it): look only at this file's own providers. */
const own = new Set<string>();
const names = (res: { body: { data: { provider: { id: string; legalName: string } }[] } }) =>
  res.body.data.filter((e) => own.has(e.provider.id)).map((e) => e.provider.legalName);

describe('the market (SPEC §4.5) and the bookable-lanes read path', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks()); // a failed test must not leave its spy on the next one

  /** As compliance will: change the provider row and bump the market version in one statement batch. */
  async function sql(query: string, params: unknown[]) {
    await t.dataSource.query(query, params);
    await t.dataSource.query('UPDATE market_version SET version = version + 1');
    t.app.get(BookableLanesService).invalidate();
  }

  it('orders demoted last, then on-time rate (unrated = 0.85) descending, then name; pages with a cursor', async () => {
    // One after another: the embedded database runs one transaction at a time.
    const created = [];
    for (const n of ['Echo Logistics', 'Delta Lines', 'Charlie Freight', 'Bravo Express', 'Alpha Cargo'])
      created.unshift(await qualifiedProvider(t, n, 'CA'));
    const [alpha, bravo, charlie, delta, echo] = created;
    for (const p of created) own.add(p.id);
    const perf = new Map<string, ProviderPerformance>([
      [bravo.id, { activePoints: 2, delivered90d: 40, onTime90d: 36, late90d: 4 }], // 0.90
      [charlie.id, { activePoints: 0, delivered90d: 20, onTime90d: 17, late90d: 3 }], // 0.85, ties with unrated
      [delta.id, { activePoints: 0, delivered90d: 50, onTime90d: 50, late90d: 0 }], // 1.0 but demoted
      [echo.id, { activePoints: 0, delivered90d: 19, onTime90d: 0, late90d: 19 }], // 19 deliveries: not yet rated
    ]);
    jest.spyOn(t.app.get(ProviderPerformanceReader), 'performance').mockImplementation(async (ids) => {
      return new Map(ids.map((id) => [id, perf.get(id) ?? { activePoints: 0, delivered90d: 0, onTime90d: 0, late90d: 0 }]));
    });
    await sql(`UPDATE providers SET demoted_until = $2 WHERE id = $1`, [delta.id, '2026-06-08T12:00:00Z']);

    const res = await t.http.get('/v1/market/providers?destination=CA&mode=express').set(t.admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe(JSON.stringify(res.body)); // the page serialiser writes exactly what JSON.stringify would
    expect(names(res)).toEqual(['Bravo Express', 'Alpha Cargo', 'Charlie Freight', 'Echo Logistics', 'Delta Lines']);
    const entries = res.body.data.filter((e: { provider: { id: string } }) => own.has(e.provider.id));
    const bravoEntry = entries[0];
    expect(bravoEntry.scorecard).toEqual({ onTimeRate90d: 0.9, delivered90d: 40, late90d: 4, activePoints: 2 });
    expect(entries[3].scorecard.onTimeRate90d).toBeNull();
    expect(bravoEntry.lanes).toHaveLength(1);
    expect(bravoEntry.lanes[0]).toMatchObject({
      providerId: bravo.id,
      destinationCountry: 'CA',
      mode: 'express',
      active: true,
      weightBreaks: expect.any(Array),
    });

    // Cursor pagination walks the same order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { provider: { id: string; legalName: string } }[]; nextCursor: string | null } } = await t.http
        .get(`/v1/market/providers?destination=CA&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(t.admin);
      seen.push(...names(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Bravo Express', 'Alpha Cargo', 'Charlie Freight', 'Echo Logistics', 'Delta Lines']);
    expect((await t.http.get('/v1/market/providers?cursor=garbage').set(t.admin)).body.code).toBe('invalid_cursor');

    // The demotion ends by the clock; the scorecard route gives the same figures.
    t.clock.set('2026-06-09T00:00:00Z');
    expect(names(await t.http.get('/v1/market/providers?destination=CA').set(t.admin))[0]).toBe('Delta Lines');
    const card = await t.http.get(`/v1/providers/${bravo.id}/scorecard`).set(alpha.key);
    expect(card.body).toEqual({ providerId: bravo.id, onTimeRate90d: 0.9, delivered90d: 40, late90d: 4, activePoints: 2 });
    jest.restoreAllMocks();
    t.clock.set('2026-06-01T12:00:00Z');
  });

  it('computes the scorecard from real deliveries and violations: 18 on time + 2 late, 2 late points + 6 decided', async () => {
    t.clock.set('2026-06-01T12:00:00Z');
    const p = await providerWithLanes(t, 'NZ', [{ mode: 'express' }], 'Kilo Real Figures');
    const buyer = await buyerAt(t, 'L0');
    const orders = [];
    for (let i = 0; i < 20; i++) orders.push(await bookedOrder(t, buyer, 'NZ'));
    t.clock.set('2026-06-02T10:00:00Z');
    for (const o of orders) expect((await postEvent(t, p.key, o.id, 'picked_up', '2026-06-02T09:00:00Z')).status).toBe(200);
    for (const o of orders.slice(0, 18)) expect((await postEvent(t, p.key, o.id, 'delivered', '2026-06-02T10:00:00Z')).status).toBe(200);
    // Two days after the guaranteed date: late, a late_delivery point each (§7).
    const late = new Date(`${orders[18].guaranteedBy}T12:00:00Z`);
    late.setUTCDate(late.getUTCDate() + 2);
    t.clock.set(late);
    for (const o of orders.slice(18)) expect((await postEvent(t, p.key, o.id, 'delivered', late.toISOString())).status).toBe(200);
    const decided = await t.http.post(`/v1/providers/${p.id}/violations`).set(t.admin).send({ code: 'serious_off_platform_diversion' });
    expect(decided.status).toBe(201);

    const card = await t.http.get(`/v1/providers/${p.id}/scorecard`).set(p.key);
    expect(card.status).toBe(200);
    expect(card.body).toEqual({ providerId: p.id, onTimeRate90d: 0.9, delivered90d: 20, late90d: 2, activePoints: 8 });
    const market = await t.http.get('/v1/market/providers?origin=NZ&limit=200').set(t.admin);
    const entry = market.body.data.find((e: { provider: { id: string } }) => e.provider.id === p.id);
    expect(entry.scorecard).toEqual({ onTimeRate90d: 0.9, delivered90d: 20, late90d: 2, activePoints: 8 });
    t.clock.set('2026-06-01T12:00:00Z');
  });

  it('filters by origin and mode, and hides restricted providers only while the restriction runs', async () => {
    const p = await qualifiedProvider(t, 'Foxtrot Air', 'MX');
    own.add(p.id);
    type Entry = { provider: { id: string }; lanes: { mode: string }[] };
    const mine = (res: { body: { data: Entry[] } }) => res.body.data.filter((e) => e.provider.id === p.id);
    await createLane(t, p, { destinationCountry: 'MX', mode: 'air', originCountry: 'HK' });
    const air = mine(await t.http.get('/v1/market/providers?destination=MX&mode=air').set(t.admin));
    expect(air).toHaveLength(1);
    expect(air[0]!.lanes.map((l) => l.mode)).toEqual(['air']);
    expect(mine(await t.http.get('/v1/market/providers?destination=MX&origin=CN').set(t.admin))[0]!.lanes).toHaveLength(1);
    expect(mine(await t.http.get('/v1/market/providers?destination=MX&origin=VN').set(t.admin))).toEqual([]);

    await sql(`UPDATE providers SET restricted_until = $2 WHERE id = $1`, [p.id, '2026-06-08T12:00:00Z']);
    const bookable = t.app.get(BookableLanesService);
    expect((await bookable.forDestination('MX', new Date('2026-06-08T11:59:59Z'))).filter((l) => l.providerId === p.id)).toEqual([]);
    // Same cache entry, later instant: listed again without any write.
    const after = (await bookable.forDestination('MX', new Date('2026-06-08T12:00:00Z'))).filter((l) => l.providerId === p.id);
    expect(after.map((l) => l.provider.legalName)).toEqual(['Foxtrot Air', 'Foxtrot Air']);
    expect(after[0]).toMatchObject({
      providerId: p.id,
      destinationCountry: 'MX',
      active: true,
      provider: { id: p.id, legalName: 'Foxtrot Air', demotedUntil: null },
    });
    expect(names(await t.http.get('/v1/market/providers?destination=MX').set(t.admin))).toEqual([]);
    t.clock.set('2026-06-08T12:00:00Z');
    expect(names(await t.http.get('/v1/market/providers?destination=MX').set(t.admin))).toEqual(['Foxtrot Air']);
    t.clock.set('2026-06-01T12:00:00Z');
  });

  it('reads scorecard figures from the ledger, reuses them at most MARKET_SCORECARD_TTL_MS, and re-ranks when a demotion ends without a write', async () => {
    const hotel = await qualifiedProvider(t, 'Hotel Haulage', 'FR');
    const india = await qualifiedProvider(t, 'India Intermodal', 'FR');
    own.add(hotel.id).add(india.id);
    const ours = async () => {
      const res = await t.http.get('/v1/market/providers?destination=FR&mode=express&limit=200').set(t.admin);
      expect(res.status).toBe(200);
      return (res.body.data as { provider: { id: string; legalName: string }; scorecard: { activePoints: number } }[]).filter(
        (e) => e.provider.id === hotel.id || e.provider.id === india.id,
      );
    };
    const base = t.clock.now().getTime();
    const violation = (points: number) =>
      t.dataSource.query(
        `INSERT INTO violations (provider_id, code, points, created_at, expires_at) VALUES ($1, 'serious_price_manipulation', $2, $3, $4)`,
        [hotel.id, points, new Date(base), new Date(base + 365 * 86_400_000)],
      );
    expect((await ours()).map((e) => [e.provider.legalName, e.scorecard.activePoints])).toEqual([
      ['Hotel Haulage', 0],
      ['India Intermodal', 0],
    ]);

    // Real rows, no mock. A violation bumps the market version (as compliance does): seen at once.
    await violation(6);
    await sql('SELECT 1', []);
    expect((await ours())[0].scorecard.activePoints).toBe(6);
    // A change that does not bump the version (as a delivery): seen at the latest after the bound.
    await violation(2);
    t.clock.set(new Date(base + MARKET_SCORECARD_TTL_MS));
    expect((await ours())[0].scorecard.activePoints).toBe(8);

    // A demotion ending 2 s ahead: ranked last until that instant, back in order at it, from the cached view.
    const end = base + MARKET_SCORECARD_TTL_MS + 2_000;
    await sql(`UPDATE providers SET demoted_until = $2 WHERE id = $1`, [hotel.id, new Date(end)]);
    t.clock.set(new Date(end - 1));
    expect((await ours()).map((e) => e.provider.legalName)).toEqual(['India Intermodal', 'Hotel Haulage']);
    const reads = jest.spyOn(t.app.get(ProviderPerformanceReader), 'performance');
    t.clock.set(new Date(end));
    expect((await ours()).map((e) => e.provider.legalName)).toEqual(['Hotel Haulage', 'India Intermodal']);
    expect(reads).not.toHaveBeenCalled();
    jest.restoreAllMocks();
    t.clock.set('2026-06-01T12:00:00Z');
  });

  it('shows a lane change made on another instance within the 1 s version check', async () => {
    const b = await createTestApp({ clock: t.clock, config: { dbPoolSize: 2 } });
    try {
      const p = await qualifiedProvider(t, 'Golf Shipping', 'DE');
      const bookableB = b.app.get(BookableLanesService);
      // Warm B's cache for DE (after its first version check).
      const before = await bookableB.forDestination('DE', t.clock.now());
      expect(before.filter((l) => l.providerId === p.id)).toHaveLength(1);

      // Instance A adds a lane and deactivates the first; A sees it at once.
      const lanes = (await t.http.get(`/v1/providers/${p.id}/lanes`).set(p.key)).body.data;
      await createLane(t, p, { destinationCountry: 'DE', mode: 'sea_lcl', weightBreaks: [{ minKg: 0, ratePerUnitMinor: 9500 }] });
      await t.http.delete(`/v1/lanes/${lanes[0].id}`).set(p.key).expect(204);
      const onA = await t.app.get(BookableLanesService).forDestination('DE', t.clock.now());
      expect(onA.filter((l) => l.providerId === p.id).map((l) => l.mode)).toEqual(['sea_lcl']);

      // B, after the bound, sees the same — through its HTTP route too.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const onB = await bookableB.forDestination('DE', t.clock.now());
      expect(onB.filter((l) => l.providerId === p.id).map((l) => l.mode)).toEqual(['sea_lcl']);
      const http = await b.http.get('/v1/market/providers?destination=DE').set(b.admin);
      expect(
        http.body.data.find((e: { provider: { id: string } }) => e.provider.id === p.id).lanes.map((l: { mode: string }) => l.mode),
      ).toEqual(['sea_lcl']);
    } finally {
      await b.close();
    }
  });
});
