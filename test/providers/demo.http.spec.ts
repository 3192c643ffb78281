import { ModuleRef } from '@nestjs/core';
import { seedDemoData } from '../../src/database/seed/demo-data';
import { bearer, createTestApp, type TestApp } from '../support/test-app';

describe('the providers demo data (issue 4 item 7)', () => {
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
    for (const key of keys) expect((await t.http.get('/v1/market/providers?limit=1').set(bearer(key.apiKey))).status).toBe(200);
    const rows = await t.dataSource.query(`SELECT status, count(*)::int AS n FROM providers WHERE id::text LIKE '00000000-0000-4000-8000-%' GROUP BY status ORDER BY status`);
    expect(rows).toEqual([{ status: 'pending', n: 1 }, { status: 'qualified', n: 6 }, { status: 'suspended', n: 1 }]);
  });
});
