import { buyerAt, providerWithLanes } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { postEvent } from './orders.fixtures';

const DAY = 86_400_000;

describe('violation points and their consequences (SPEC §7)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T12:00:00Z');
  });
  afterAll(() => t.close());

  const violate = (providerId: string, code: string) =>
    t.http.post(`/v1/providers/${providerId}/violations`).set(t.admin).send({ code, note: 'test' });

  it('walks a provider through 6, 12, 24, 36 and 48 points with the spec’s consequences', async () => {
    const p = await providerWithLanes(t, 'MY', [{ mode: 'express' }, { mode: 'air' }], 'Points Walk Logistics');
    const buyer = await buyerAt(t, 'L0');
    const compliance = async () => (await t.http.get(`/v1/providers/${p.id}/compliance`).set(p.key)).body;
    const inMarket = async () =>
      (await t.http.get('/v1/market/providers?destination=US&origin=MY').set(buyer.auth)).body.data.some(
        (e: { provider: { id: string } }) => e.provider.id === p.id,
      );
    const now = () => t.clock.now().getTime();

    // 6: warning, plus the serious violation's 7-day ranking demotion; still listed.
    expect((await violate(p.id, 'serious_price_manipulation')).body).toMatchObject({ points: 6, activePoints: 6 });
    let c = await compliance();
    expect(c).toMatchObject({ activePoints: 6, restrictedUntil: null, terminated: false });
    expect(new Date(c.demotedUntil).getTime()).toBe(now() + 7 * DAY);
    expect(c.warnings.map((w: { threshold: number; action: string }) => [w.threshold, w.action])).toEqual([[6, 'warning']]);
    expect(await inMarket()).toBe(true);

    // 18 crosses 12: restricted 7 days — unlisted, not quoted, not bookable.
    await violate(p.id, 'forged_evidence');
    c = await compliance();
    expect(c.activePoints).toBe(18);
    expect(new Date(c.restrictedUntil).getTime()).toBe(now() + 7 * DAY);
    expect(await inMarket()).toBe(false);

    // 24: restricted 14 days (the later end wins).
    t.clock.advanceDays(1);
    await violate(p.id, 'serious_off_platform_diversion');
    c = await compliance();
    expect(c.activePoints).toBe(24);
    expect(new Date(c.restrictedUntil).getTime()).toBe(now() + 14 * DAY);

    // 36: restricted 21 days, every lane deactivated, violation_points fails → suspended.
    await violate(p.id, 'forged_evidence');
    c = await compliance();
    expect(c.activePoints).toBe(36);
    expect(new Date(c.restrictedUntil).getTime()).toBe(now() + 21 * DAY);
    const lanes = await t.http.get(`/v1/providers/${p.id}/lanes`).set(p.key);
    expect(lanes.body.data.map((l: { active: boolean }) => l.active)).toEqual([false, false]);
    const provider = (await t.http.get(`/v1/providers/${p.id}`).set(p.key)).body;
    expect(provider.status).toBe('suspended');
    expect(provider.lastCheck.results.find((r: { code: string }) => r.code === 'violation_points').outcome).toBe('fail');

    // 48: terminated, for good.
    await violate(p.id, 'forged_evidence');
    c = await compliance();
    expect(c).toMatchObject({ activePoints: 48, terminated: true });
    expect(c.warnings.map((w: { threshold: number }) => w.threshold)).toEqual([6, 12, 24, 36, 48]);
    expect((await t.http.get(`/v1/providers/${p.id}`).set(t.admin)).body.status).toBe('terminated');

    // The month's statistics: five violations, 48 points, all in June 2026.
    expect(c.month).toMatchObject({ month: '2026-06', violations: 5, points: 48 });
    expect((await t.http.get(`/v1/providers/${p.id}/compliance?month=2026-05`).set(t.admin)).body.month).toMatchObject({
      violations: 0,
      points: 0,
    });
  });

  it('crosses a threshold once: 11 → 13 (a lost shipment) crosses 12 once', async () => {
    const p = await providerWithLanes(t, 'MY', [{ mode: 'sea_lcl', transitDays: { min: 20, max: 30 } }], 'Crossing Once Shipping');
    // Build 11 points from the automatic entries: 6 (admin) + 4 (provider cancel) + 1 (late delivery).
    await violate(p.id, 'serious_price_manipulation'); // 6 → warning
    const buyer = await buyerAt(t, 'L0');
    const cancelled = await bookedOrderOn(t, buyer, 'MY', 'sea_lcl');
    expect((await t.http.post(`/v1/orders/${cancelled}/cancel`).set(p.key).send({})).status).toBe(200); // 10
    const late = await bookedOrderOn(t, buyer, 'MY', 'sea_lcl');
    await postEvent(t, p.key, late, 'picked_up', t.clock.now().toISOString());
    t.clock.advanceDays(60);
    await postEvent(t, p.key, late, 'delivered', t.clock.now().toISOString()); // late: 11
    let c = (await t.http.get(`/v1/providers/${p.id}/compliance`).set(t.admin)).body;
    expect(c.activePoints).toBe(11);
    expect(c.restrictedUntil).toBeNull();

    const lost = await bookedOrderOn(t, buyer, 'MY', 'sea_lcl');
    await postEvent(t, p.key, lost, 'picked_up', t.clock.now().toISOString());
    await postEvent(t, p.key, lost, 'lost', t.clock.now().toISOString()); // 13: crosses 12
    c = (await t.http.get(`/v1/providers/${p.id}/compliance`).set(t.admin)).body;
    expect(c.activePoints).toBe(13);
    expect(new Date(c.restrictedUntil).getTime()).toBe(t.clock.now().getTime() + 7 * DAY);
    expect(c.warnings.map((w: { threshold: number }) => w.threshold)).toEqual([6, 12]);
  });

  it('refuses non-admin violations and codes that are not an admin’s to record', async () => {
    const p = await providerWithLanes(t, 'MY', [{ mode: 'air', destinationCountry: 'CA' }], 'Admin Codes Only');
    expect((await violate(p.id, 'late_delivery')).status).toBe(400);
    expect((await t.http.post(`/v1/providers/${p.id}/violations`).set(p.key).send({ code: 'forged_evidence' })).status).toBe(403);
    expect((await t.http.get(`/v1/providers/${p.id}/compliance?month=2026-13`).set(t.admin)).status).toBe(400);
    const other = await providerWithLanes(t, 'MY', [{ mode: 'air', destinationCountry: 'MX' }], 'Someone Else');
    expect((await t.http.get(`/v1/providers/${p.id}/compliance`).set(other.key)).status).toBe(404);
  });
});

async function bookedOrderOn(t: TestApp, buyer: Awaited<ReturnType<typeof buyerAt>>, origin: string, mode: string): Promise<string> {
  const q = await t.http
    .post('/v1/quotes')
    .set(buyer.auth)
    .send({
      origin: { country: origin },
      destination: { country: 'US', postcode: '99501' },
      mode,
      pieces: [{ quantity: 1, weightKg: 10, lengthCm: 40, widthCm: 40, heightCm: 40 }],
      goods: { category: 'general', description: 'parts' },
      declaredValue: { amountMinor: 10_000, currency: 'USD' },
    });
  if (!q.body.options?.length) throw new Error(`no option: ${JSON.stringify(q.body)}`);
  const res = await t.http
    .post('/v1/orders')
    .set(buyer.auth)
    .set('Idempotency-Key', `c-${q.body.options[0].id}`)
    .send({
      quoteOptionId: q.body.options[0].id,
      shipper: { name: 'S', phone: '+60 3 5555 0000', address: { line1: '1 Jalan', city: 'KL', postcode: '50000', country: 'MY' } },
      consignee: { name: 'C', phone: '+1 907 555 0100', address: { line1: '1 Rd', city: 'Anchorage', postcode: '99501', country: 'US' } },
    });
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
