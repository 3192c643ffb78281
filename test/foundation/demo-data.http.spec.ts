import { ModuleRef } from '@nestjs/core';
import { seedDemoData } from '../../src/database/seed/demo-data';
import { bearer, createTestApp, type TestApp } from '../support/test-app';

describe('the demo dataset (npm run seed:demo, first start of an empty embedded database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists six qualified providers on every semi-managed market in three modes, idempotently, with working keys', async () => {
    const first = await seedDemoData(t.app.get(ModuleRef));
    await seedDemoData(t.app.get(ModuleRef));
    for (const destination of ['US', 'CA', 'MX', 'GB', 'FR', 'DE']) {
      const res = await t.http.get(`/v1/market/providers?destination=${destination}&origin=CN`).set(t.admin);
      const demo = res.body.data.filter((e: { provider: { legalName: string } }) => / (Co\.|Ltd\.)/.test(e.provider.legalName));
      expect(demo).toHaveLength(6);
      for (const entry of demo) expect(entry.lanes.map((l: { mode: string }) => l.mode).sort()).toEqual(['air', 'express', 'sea_lcl']);
    }
    const keys = first.keys.filter((k) => k.role === 'provider');
    expect(keys).toHaveLength(8);
    for (const key of keys) expect((await t.http.get('/v1/market/providers?limit=1').set(bearer(key.key))).status).toBe(200);
    const rows = await t.dataSource.query(
      `SELECT status, count(*)::int AS n FROM providers WHERE id::text LIKE '00000000-0000-4000-8000-%' GROUP BY status ORDER BY status`,
    );
    expect(rows).toEqual([
      { status: 'pending', n: 1 },
      { status: 'qualified', n: 6 },
      { status: 'suspended', n: 1 },
    ]);
  });

  it('holds orders in every status, a late delivery with its automatic credit, and providers with points', async () => {
    await seedDemoData(t.app.get(ModuleRef)); // idempotent: a second run adds no orders
    const l1 = bearer('blm_demo_buyer_l1_0000000000000000000000000');
    const l3 = bearer('blm_demo_buyer_l3_0000000000000000000000000');
    const mine = async (auth: { Authorization: string }) => {
      const res = await t.http.get('/v1/orders').set(auth);
      expect(res.status).toBe(200);
      return res.body.data as {
        status: string;
        onTime: boolean | null;
        buyerId: string;
        totalMinor: number;
        creditAppliedMinor: number;
        payableMinor: number;
      }[];
    };
    const orders = [...(await mine(l1)), ...(await mine(l3))];
    expect(orders.map((o) => `${o.status}${o.onTime === null ? '' : o.onTime ? ' on time' : ' late'}`).sort()).toEqual([
      'booked',
      'booked',
      'cancelled',
      'delivered late',
      'delivered on time',
      'in_transit',
      'lost',
      'picked_up',
    ]);
    const l3Id = (await t.http.get('/v1/me').set(l3)).body.subjectId;
    const wallet = (await t.http.get(`/v1/buyers/${l3Id}/credits`).set(l3)).body;
    const late = wallet.data.find((c: { reason: string }) => c.reason === 'late_delivery');
    // The late credit (10 % of the late order) paid part of the L3 buyer's newest booking; the lost claim's credit is left to spend.
    expect(wallet.data).toHaveLength(2); // issued at one instant: the list's order between them is by id
    expect(wallet.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'lost', amountMinor: 50_000, remainingMinor: 50_000, status: 'active' }),
        expect.objectContaining({ reason: 'late_delivery', remainingMinor: 0, status: 'spent' }),
      ]),
    );
    expect(wallet.balanceMinor).toBe(50_000);
    const paid = (await mine(l3)).filter((o) => o.creditAppliedMinor > 0);
    expect(paid).toEqual([
      expect.objectContaining({
        status: 'booked',
        creditAppliedMinor: late.amountMinor,
        credits: [{ creditId: late.id, amountMinor: late.amountMinor, restoredAt: null }],
      }),
    ]);
    expect(paid[0]!.payableMinor).toBe(paid[0]!.totalMinor - late.amountMinor);
    expect(paid[0]!.payableMinor).toBeGreaterThan(0);
    const swift = (await t.http.get('/v1/providers/00000000-0000-4000-8000-000000000101/compliance').set(t.admin)).body;
    // A late delivery (1) and a lost shipment (2); other test files' sweeps may add pickup breaches.
    const codes = (swift.entries as { code: string; points: number }[]).map((e) => `${e.code} ${e.points}`);
    expect(codes).toEqual(expect.arrayContaining(['late_delivery 1', 'shipment_lost 2']));
    const ningbo = (await t.http.get('/v1/providers/00000000-0000-4000-8000-000000000102/compliance').set(t.admin)).body;
    expect(ningbo).toMatchObject({ activePoints: 6, warnings: [expect.objectContaining({ threshold: 6, action: 'warning' })] });
    expect(ningbo.demotedUntil).not.toBeNull();
  });
});
