#!/usr/bin/env node
/**
 * Market benchmark (issue 4): 2,000 qualified providers and 12,000 lanes in a dedicated PostgreSQL
 * database, the built app (`node dist/src/main.js`), autocannon with 50 connections on
 * GET /v1/market/providers?destination=US&mode=express (target p99 ≤ 20 ms), then the warm
 * bookable-lanes read for one destination timed in process (target ≤ 1 ms).
 *
 *   npm run bench:market            (BENCH_PG_URL, default postgres://root@127.0.0.1:5432/test)
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" node bench/market.bench.js   (profile the app)
 */
'use strict';
const { join } = require('node:path');
const { Client } = require('pg');
const autocannon = require('autocannon');
const { root, startApp, stop, pgProbe, measure } = require('./lib');

const serverUrl = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
const dbName = `blm_bench_${Date.now()}`;
const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
const ADMIN = 'blm_bench_admin_key_0000000000000000000000';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

async function query(url, sql, params) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

// Provider i publishes 6 of the 18 (destination, mode) pairs: ⅓ of providers serve US express.
const SEED = `
INSERT INTO providers (id, legal_name, country, status, checked_at, last_check, created_at)
SELECT md5('p' || i)::uuid, 'Bench Provider ' || lpad(i::text, 4, '0'), 'CN', 'qualified', now(),
       '{"qualified": true, "results": []}'::jsonb, now() - (i || ' seconds')::interval
FROM generate_series(1, 2000) AS i;
INSERT INTO lanes (provider_id, origin_country, destination_country, mode, transit_days_min, transit_days_max, handling_days,
  weight_breaks, min_charge_minor, fuel_surcharge_bps, remote_area, oversize_fee_minor, max_piece_weight_kg, dangerous_goods, min_buyer_tier)
SELECT md5('p' || i)::uuid, 'CN', (ARRAY['US','CA','MX','GB','FR','DE'])[(c / 3) + 1], (ARRAY['express','air','sea_lcl'])[(c % 3) + 1],
       4, 9, 1, '[{"minKg":0,"ratePerUnitMinor":1150},{"minKg":21,"ratePerUnitMinor":980},{"minKg":100,"ratePerUnitMinor":850}]'::jsonb,
       3000, 1200, '{"postcodePrefixes":["99"],"perKgMinor":60,"minMinor":2500}'::jsonb, 4500, 70, false, 'L0'
FROM generate_series(1, 2000) AS i, generate_series(0, 5) AS k, LATERAL (SELECT (i + k * 3) % 18 AS c) x;
UPDATE market_version SET version = version + 1;
ANALYZE;`;

async function main() {
  await query(serverUrl, `CREATE DATABASE ${dbName}`);
  let app;
  let nest;
  let probe;
  try {
    // BENCH_CPU_PROF=<dir> profiles the app under the load.
    app = await startApp(dbUrl, Number(process.env.BENCH_PORT ?? 0), { ADMIN_API_KEY: ADMIN });
    await query(dbUrl, SEED);
    const counts = (
      await query(
        dbUrl,
        `SELECT (SELECT count(*) FROM providers) AS providers, (SELECT count(*) FROM lanes) AS lanes,
      (SELECT count(*) FROM lanes WHERE destination_country = 'US' AND mode = 'express') AS us_express`,
      )
    ).rows[0];
    console.log(`seeded: ${counts.providers} providers, ${counts.lanes} lanes (${counts.us_express} US express)`);

    const url = `${app.base}/v1/market/providers?destination=US&mode=express`;
    const first = await (await fetch(url, { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    console.log(`first page: ${first.data.length} entries, nextCursor ${first.nextCursor ? 'set' : 'null'}`);
    await autocannon({ url, connections: 50, duration: 2, headers: { authorization: `Bearer ${ADMIN}` } }); // warm-up
    probe = await pgProbe(dbUrl);
    const r = await measure('GET /v1/market/providers?destination=US&mode=express', app, probe, {
      url,
      connections: 50,
      duration: DURATION,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    console.log(`  ${r.reqPerSec} req/s, p50 ${r.p50ms} p99 ${r.p99ms} ms (target p99 ≤ 20), non-2xx ${r.non2xx}, errors ${r.errors}`);

    // In process: the read path the quotes work will call.
    require('reflect-metadata');
    const { createApp } = require(join(root, 'dist/src/app.setup'));
    const { loadConfig } = require(join(root, 'dist/src/config/config'));
    const { BookableLanesService } = require(join(root, 'dist/src/providers/bookable-lanes.service'));
    const config = {
      ...loadConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }),
      schedulerEnabled: false,
      demoData: false,
      adminApiKey: null,
    };
    nest = (await createApp(config, { databaseUrl: dbUrl })).app;
    const bookable = nest.get(BookableLanesService);
    const now = new Date();
    let t = process.hrtime.bigint();
    const cold = await bookable.forDestination('US', now);
    console.log(`bookable lanes to US: ${cold.length}; cold read ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(2)} ms`);
    const samples = [];
    for (let i = 0; i < 20_000; i++) {
      t = process.hrtime.bigint();
      await bookable.forDestination('US', now);
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    samples.sort((a, b) => a - b);
    const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(3);
    const mean = (samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(3);
    console.log(
      `warm forDestination('US') x ${samples.length}: mean ${mean} ms, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms (target ≤ 1; includes one version check per second)`,
    );
  } finally {
    await nest?.close();
    await probe?.close();
    await stop(app);
    await query(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
