const { APP_NODE_ARGS } = require('./lib');
/**
 * GET /v1/buyers/{id}/tier throughput (issue 3): the built app (`node dist/src/main.js`) on a
 * dedicated PostgreSQL database, autocannon with 50 connections for 10 s. Target ≥ 3,000 req/s.
 *   npm run bench:tiers:read         (BENCH_PG_URL, BENCH_PORT, BENCH_SECONDS)
 */
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { createBenchDatabase } = require('./bench-db');

const PORT = Number(process.env.BENCH_PORT ?? 3917);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = 'blm_bench_admin_key_00000000000000000000000';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

async function waitReady(child) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    const ok = await fetch(`${BASE}/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the app did not become ready');
}

async function call(method, path, key, body) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function main() {
  const db = await createBenchDatabase('tier_read');
  const child = spawn(process.execPath, [...APP_NODE_ARGS, join(__dirname, '..', 'dist', 'src', 'main.js')], {
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(PORT), ADMIN_API_KEY: ADMIN, RATE_LIMIT_PER_MIN: '100000000', LOG_LEVEL: 'silent', DEMO_DATA: 'false', SCHEDULER_ENABLED: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitReady(child);
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
    const result = await autocannon({
      url: `${BASE}/v1/buyers/${buyer.id}/tier`,
      connections: 50,
      duration: DURATION,
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const non2xx = result.non2xx + result.errors;
    console.log(
      `GET /v1/buyers/{id}/tier: ${result.requests.average.toFixed(0)} req/s average (p50 latency ${result.latency.p50} ms, p99 ${result.latency.p99} ms), ` +
        `${result.requests.total} requests, ${non2xx} non-2xx/errors (target ≥ 3000 req/s)`,
    );
    if (process.env.BENCH_BASELINE) {
      const base = await autocannon({ url: `${BASE}/health/live`, connections: 50, duration: DURATION });
      console.log(`baseline GET /health/live (no auth, no database): ${base.requests.average.toFixed(0)} req/s`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
