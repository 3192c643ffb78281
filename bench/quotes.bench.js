#!/usr/bin/env node
/**
 * POST /v1/quotes throughput: the built app against a bare Fastify + pg "limit" server doing the
 * minimum equivalent work (bench/limit-server.js), same database, same load.
 *
 * A dedicated PostgreSQL database (real migrations), 200 qualified providers × 6 destinations × 3
 * modes = 3,600 active lanes from CN, one L0 buyer registered through POST /v1/buyers. Load: a
 * 2-piece express shipment CN → US 99501 (Anchorage: the US lanes' remote-area fee applies), readyDate
 * today (UTC): 200 lanes on route, 20 of them L2-only, so 180 priced and the cheapest 20 stored.
 * Each server: a warm-up, then autocannon for BENCH_SECONDS. Prints req/s, p50/p99, app/limit, the
 * app's peak RSS (VmRSS every 250 ms). Targets: app ≥ 0.5 × limit, p99 ≤ 50 ms, RSS ≤ 250 MB; any
 * non-2xx makes the run invalid. The database is dropped at the end.
 *
 *   npm run bench:quotes
 *   env: BENCH_PG_URL (default postgres://root@127.0.0.1:5432/test), BENCH_SECONDS (15),
 *        BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (50), BENCH_PROVIDERS (200), BENCH_PORT (3931),
 *        BENCH_CPU_PROF=<dir> (run the app under node --cpu-prof, profile written to <dir> at exit)
 */
'use strict';
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { createBenchDatabase } = require('./bench-db');
const { seedMarket, startApp, waitReady, stop, call, rssSampler, summary, utcDate } = require('./market-seed');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 200);
const APP_PORT = Number(process.env.BENCH_PORT ?? 3931);
const LIMIT_PORT = APP_PORT + 1;

function quoteBody() {
  return {
    origin: { country: 'CN' },
    destination: { country: 'US', postcode: '99501' },
    mode: 'express',
    readyDate: utcDate(),
    pieces: [
      { quantity: 1, weightKg: 5, lengthCm: 40, widthCm: 30, heightCm: 30 },
      { quantity: 1, weightKg: 3.2, lengthCm: 20, widthCm: 20, heightCm: 20 },
    ],
    goods: { category: 'apparel', description: 'cotton t-shirts' },
    declaredValue: { amountMinor: 150_000, currency: 'USD' },
  };
}

async function hammer(name, base, apiKey, pid) {
  const options = {
    url: `${base}/v1/quotes`,
    method: 'POST',
    connections: CONNECTIONS,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(quoteBody()),
  };
  const check = await call(base, 'POST', '/v1/quotes', apiKey, quoteBody());
  console.log(`${name}: first quote has ${check.options.length} options (cheapest ${check.options[0]?.totalMinor} minor), unavailable ${JSON.stringify(check.unavailable)}`);
  const warm = await autocannon({ ...options, duration: WARMUP });
  if (warm.non2xx || warm.errors) console.log(`${name}: warm-up had ${warm.non2xx} non-2xx, ${warm.errors} errors`);
  const rss = pid ? rssSampler(pid) : null;
  const result = summary(name, await autocannon({ ...options, duration: SECONDS }));
  if (rss) Object.assign(result, { peakRssMb: rss.stop().peakMb });
  console.log(JSON.stringify(result));
  return result;
}

async function main() {
  const db = await createBenchDatabase('quotes');
  const children = [];
  try {
    const { counts } = await seedMarket(db.url, PROVIDERS);
    console.log(`seeded ${counts.providers} qualified providers, ${counts.lanes} active lanes (${counts.us_express} CN→US express)`);
    console.log(`autocannon: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s, POST /v1/quotes express CN→US, 2 pieces`);

    const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const app = await startApp(db.url, APP_PORT, {}, nodeArgs);
    children.push(app);
    const appBase = `http://127.0.0.1:${APP_PORT}`;
    const { apiKey } = await call(appBase, 'POST', '/v1/buyers', null, { companyName: 'Bench Buyer Ltd', country: 'US' });
    const appResult = await hammer('app', appBase, apiKey, app.pid);
    await stop(app);

    const limit = spawn(process.execPath, [join(__dirname, 'limit-server.js')], {
      env: { ...process.env, DATABASE_URL: db.url, PORT: String(LIMIT_PORT) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(limit);
    const limitBase = `http://127.0.0.1:${LIMIT_PORT}`;
    await waitReady(limit, `${limitBase}/health/ready`);
    const limitResult = await hammer('limit', limitBase, apiKey, limit.pid);
    await stop(limit);

    const ratio = appResult.reqPerSec / limitResult.reqPerSec;
    const valid = appResult.valid && limitResult.valid;
    console.log('\nPOST /v1/quotes');
    console.log(`  app:   ${appResult.reqPerSec} req/s, p50 ${appResult.p50ms} ms, p99 ${appResult.p99ms} ms, peak RSS ${appResult.peakRssMb} MB, non-2xx ${appResult.non2xx}, errors ${appResult.errors}`);
    console.log(`  limit: ${limitResult.reqPerSec} req/s, p50 ${limitResult.p50ms} ms, p99 ${limitResult.p99ms} ms, peak RSS ${limitResult.peakRssMb} MB, non-2xx ${limitResult.non2xx}, errors ${limitResult.errors}`);
    console.log(`  app/limit: ${ratio.toFixed(2)} (target ≥ 0.5)  app p99 ≤ 50 ms: ${appResult.p99ms <= 50}  app RSS ≤ 250 MB: ${appResult.peakRssMb <= 250}`);
    console.log(`  run ${valid ? 'VALID (all 2xx)' : 'INVALID: non-2xx or errors seen'}`);
    if (!valid) process.exitCode = 2;
  } finally {
    for (const child of children) await stop(child);
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
