/**
 * GET /v1/buyers/{id}/tier throughput (issue 3): the built app (`node dist/src/main.js`) on a
 * dedicated PostgreSQL database, autocannon with 50 connections for 10 s. Target ≥ 3,000 req/s.
 *   npm run bench:tiers:read         (BENCH_PG_URL, BENCH_PORT, BENCH_SECONDS)
 */
const autocannon = require('autocannon');
const { createBenchDatabase } = require('./bench-db');
const { startApp, stop, call: callAt, pgProbe, measure } = require('./lib');

const ADMIN = 'blm_bench_admin_key_00000000000000000000000';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

async function main() {
  const db = await createBenchDatabase('tier_read');
  let child;
  let probe;
  try {
    child = await startApp(db.url, Number(process.env.BENCH_PORT ?? 0), { ADMIN_API_KEY: ADMIN, LOG_LEVEL: 'silent' });
    const BASE = child.base;
    const call = (method, path, key, body) => callAt(BASE, method, path, key, body);
    const { buyer, apiKey } = await call('POST', '/v1/buyers', null, { companyName: 'Bench Buyer', country: 'GB' });
    const evidence = [
      { type: 'business_registration', value: { registrationNumber: 'R1', legalName: 'Bench Ltd', country: 'GB', yearEstablished: 2015 } },
      { type: 'annual_revenue_usd', value: 600000 },
    ];
    for (const e of evidence) {
      const submitted = await call('POST', `/v1/buyers/${buyer.id}/evidence`, apiKey, { ...e, documentRef: 'doc://bench' });
      await call('POST', `/v1/evidence/${submitted.id}/review`, ADMIN, { decision: 'verified' });
    }
    const tier = await call('GET', `/v1/buyers/${buyer.id}/tier`, apiKey);
    console.log(`buyer ${buyer.id} at ${tier.tier}; autocannon -c 50 -d ${DURATION} GET /v1/buyers/{id}/tier`);
    probe = await pgProbe(db.url);
    const result = await measure('GET /v1/buyers/{id}/tier', child, probe, {
      url: `${BASE}/v1/buyers/${buyer.id}/tier`,
      connections: 50,
      duration: DURATION,
      headers: { authorization: `Bearer ${apiKey}` },
    });
    console.log(
      `GET /v1/buyers/{id}/tier: ${result.reqPerSec} req/s (p50 ${result.p50ms} ms, p99 ${result.p99ms} ms), ${result.non2xx + result.errors} non-2xx/errors (target ≥ 3000 req/s)`,
    );
    if (process.env.BENCH_BASELINE) {
      const base = await autocannon({ url: `${BASE}/health/live`, connections: 50, duration: DURATION });
      console.log(`baseline GET /health/live (no auth, no database): ${base.requests.average.toFixed(0)} req/s`);
    }
  } finally {
    await probe?.close();
    await stop(child);
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
