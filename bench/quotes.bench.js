#!/usr/bin/env node
/**
 * POST /v1/quotes: the built app against a bare Fastify + pg "limit" server doing the minimum
 * equivalent work (bench/limit-server.js), same database, same load, both running side by side (the
 * idle one costs nothing measurable).
 *
 * A dedicated PostgreSQL database (real migrations), 200 qualified providers × 6 destinations × 3
 * modes = 3,600 active lanes from CN, one L0 buyer registered through POST /v1/buyers. Load: a
 * 2-piece express shipment CN → US 99501 (Anchorage: the US lanes' remote-area fee applies), readyDate
 * today (UTC): 200 lanes on route, 20 of them L2-only, so 180 priced and the cheapest 20 stored.
 *
 * Runs (each after a warm-up): the limit closed loop (BENCH_CONNECTIONS), the app closed loop, then
 * both open loop at half the limit's closed-loop req/s (autocannon overallRate, BENCH_OPEN_SECONDS).
 * Each run prints req/s, p50/p99/p99.9, CPU-ms per request of the server and of its PostgreSQL
 * backends, round trips and transactions per request, response bytes and peak RSS (bench/lib.js).
 * Targets: app ≥ 0.7 × limit req/s, app CPU/req ≤ 1.5 × limit's, open-loop p99 ≤ 25 ms, RSS ≤ 250 MB;
 * any non-2xx makes the run invalid (exit code 2). The database is dropped at the end.
 *
 *   npm run bench:quotes
 *   env: BENCH_PG_URL (default postgres://root@127.0.0.1:5432/test), BENCH_SECONDS (15),
 *        BENCH_WARMUP_SECONDS (3), BENCH_OPEN_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_PROVIDERS (200),
 *        BENCH_PORT (ephemeral), BENCH_CPU_PROF=<dir> (run the app under node --cpu-prof, profile
 *        written to <dir> at exit)
 */
'use strict';
const autocannon = require('autocannon');
const { createBenchDatabase } = require('./bench-db');
const { startApp, startLimit, stop, call, pgProbe, measure, line, openLoop } = require('./lib');
const { seedMarket, utcDate } = require('./market-seed');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 200);

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

function quoteLoad(base, apiKey) {
  return {
    url: `${base}/v1/quotes`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(quoteBody()),
  };
}

async function warmUp(name, load) {
  const warm = await autocannon({ ...load, duration: WARMUP, overallRate: undefined });
  if (warm.non2xx || warm.errors) console.log(`${name}: warm-up had ${warm.non2xx} non-2xx, ${warm.errors} errors`);
}

async function main() {
  const db = await createBenchDatabase('quotes');
  const servers = [];
  let probe;
  try {
    const { counts } = await seedMarket(db.url, PROVIDERS);
    console.log(`seeded ${counts.providers} qualified providers, ${counts.lanes} active lanes (${counts.us_express} CN→US express)`);
    console.log(`autocannon: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s, POST /v1/quotes express CN→US, 2 pieces`);

    const app = await startApp(db.url, Number(process.env.BENCH_PORT ?? 0));
    servers.push(app);
    const { apiKey } = await call(app.base, 'POST', '/v1/buyers', null, { companyName: 'Bench Buyer Ltd', country: 'US' });
    const limit = await startLimit('limit-server.js', db.url);
    servers.push(limit);
    probe = await pgProbe(db.url);

    for (const [name, server] of [
      ['app', app],
      ['limit', limit],
    ]) {
      const check = await call(server.base, 'POST', '/v1/quotes', apiKey, quoteBody());
      console.log(
        `${name}: first quote has ${check.options.length} options (cheapest ${check.options[0]?.totalMinor} minor), unavailable ${JSON.stringify(check.unavailable)}`,
      );
    }
    const appLoad = quoteLoad(app.base, apiKey);
    const limitLoad = quoteLoad(limit.base, apiKey);
    await warmUp('limit', limitLoad);
    const limitClosed = await measure('limit closed', limit, probe, limitLoad);
    await warmUp('app', appLoad);
    const appClosed = await measure('app closed', app, probe, appLoad);
    const appOpen = await measure(`app open ${Math.round(limitClosed.reqPerSec / 2)}/s`, app, probe, openLoop(appLoad, limitClosed));
    const limitOpen = await measure(
      `limit open ${Math.round(limitClosed.reqPerSec / 2)}/s`,
      limit,
      probe,
      openLoop(limitLoad, limitClosed),
    );

    const rows = [appClosed, limitClosed, appOpen, limitOpen];
    const valid = rows.every((r) => r.valid);
    const ratio = appClosed.reqPerSec / limitClosed.reqPerSec;
    const cpuRatio = appClosed.appCpuMsPerReq / limitClosed.appCpuMsPerReq;
    console.log('\nPOST /v1/quotes');
    for (const r of rows) console.log(`  ${line(r)}`);
    console.log(
      `  app/limit: ${ratio.toFixed(2)} req/s (target ≥ 0.7), ${cpuRatio.toFixed(2)} CPU per request (target ≤ 1.5); ` +
        `open-loop app p99 ${appOpen.p99ms} ms (target ≤ 25); app peak RSS ${Math.max(appClosed.peakRssMb, appOpen.peakRssMb)} MB (target ≤ 250)`,
    );
    console.log(`  run ${valid ? 'VALID (all 2xx)' : 'INVALID: non-2xx or errors seen'}`);
    if (!valid) process.exitCode = 2;
  } finally {
    if (probe) await probe.close();
    for (const server of servers) await stop(server);
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
