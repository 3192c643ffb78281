/**
 * Tier-expiry sweep cost (issue 3): 100,000 buyers, 300,000 verified evidence rows of which 1 %
 * (3,000) expire before `asOf`; times one sweep on PostgreSQL. Target ≤ 2 s.
 *   npm run bench:tiers:sweep        (BENCH_PG_URL, default postgres://root@127.0.0.1:5432/test)
 */
require('reflect-metadata');
const { createApp } = require('../dist/src/app.setup');
const { loadConfig } = require('../dist/src/config/config');
const { SweepsRegistry } = require('../dist/src/common/sweeps/sweeps.registry');
const { DataSource } = require('typeorm');
const { createBenchDatabase } = require('./bench-db');

const BUYERS = Number(process.env.BENCH_BUYERS ?? 100_000);
const AS_OF = new Date('2026-06-01T12:00:00Z');

async function main() {
  const db = await createBenchDatabase('tiers');
  const config = { ...loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), schedulerEnabled: false, demoData: false };
  const { app } = await createApp(config, { databaseUrl: db.url });
  try {
    const ds = app.get(DataSource);
    const t0 = Date.now();
    // Every buyer: registration (2015) + procurement 60,000 + revenue 100,000 → L2, all verified.
    // Evidence row n (0-based) expires 1 h before asOf when n % 100 = 0 (1 %), else 200 days after.
    await ds.query(
      `
      INSERT INTO buyers (id, company_name, country, tier, policy_version, evaluated_at, valid_until, reevaluate_at, tier_basis)
      SELECT md5('b' || i)::uuid, 'Bench buyer ' || i, 'GB', 'L2', 1, $1::timestamptz - interval '30 days', NULL, NULL, '[]'
      FROM generate_series(0, $2 - 1) AS i`,
      [AS_OF, BUYERS],
    );
    await ds.query(
      `
      INSERT INTO buyer_evidence (buyer_id, type, value, document_ref, status, verified_at, expires_at, reviewed_at)
      SELECT md5('b' || (n / 3))::uuid,
             (ARRAY['business_registration', 'annual_procurement_usd', 'annual_revenue_usd'])[n % 3 + 1],
             CASE n % 3 WHEN 0 THEN '{"registrationNumber":"R","legalName":"L","country":"GB","yearEstablished":2015}'::jsonb
                        WHEN 1 THEN '60000'::jsonb ELSE '100000'::jsonb END,
             'doc://bench', 'verified', $1::timestamptz - interval '30 days',
             CASE WHEN n % 100 = 0 THEN $1::timestamptz - interval '1 hour' ELSE $1::timestamptz + interval '200 days' END,
             $1::timestamptz - interval '30 days'
      FROM generate_series(0, $2 * 3 - 1) AS n`,
      [AS_OF, BUYERS],
    );
    await ds.query(`
      UPDATE buyers b SET reevaluate_at = e.first FROM (
        SELECT buyer_id, min(expires_at) AS first FROM buyer_evidence WHERE status = 'verified' GROUP BY buyer_id) e
      WHERE e.buyer_id = b.id`);
    await ds.query('ANALYZE');
    const [{ expiring }] = await ds.query(`SELECT count(*)::int AS expiring FROM buyer_evidence WHERE expires_at <= $1`, [AS_OF]);
    console.log(`seeded ${BUYERS} buyers, ${BUYERS * 3} evidence rows (${expiring} expire) in ${Date.now() - t0} ms`);

    const sweeps = app.get(SweepsRegistry);
    const start = process.hrtime.bigint();
    const result = await sweeps.run('tier-expiry', AS_OF);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(`tier-expiry sweep: ${ms.toFixed(0)} ms, examined ${result.examined}, changed ${result.changed} (target ≤ 2000 ms)`);
    const again = process.hrtime.bigint();
    const second = await sweeps.run('tier-expiry', AS_OF);
    console.log(
      `second sweep (nothing due): ${(Number(process.hrtime.bigint() - again) / 1e6).toFixed(0)} ms, examined ${second.examined}`,
    );
    const tiers = await ds.query(`SELECT tier, count(*)::int AS n FROM buyers GROUP BY tier ORDER BY tier`);
    console.log(`tiers after: ${tiers.map((r) => `${r.tier}=${r.n}`).join(' ')}`);
  } finally {
    await app.close();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
