#!/usr/bin/env node
/**
 * Booking and tracking on the built app, in a dedicated PostgreSQL database (dropped at the end), with
 * bookings also against the limit server's POST /v1/orders (bench/limit-server.js: bare Fastify + pg,
 * the statements of a booking in one transaction), both running side by side.
 *
 * Setup: a market of BENCH_PROVIDERS (6) qualified providers from CN (the quotes benchmark's seed, 18
 * lanes each, one API key per provider), one L0 buyer registered through POST /v1/buyers, one real
 * quote through POST /v1/quotes (express CN → US 99501), then BENCH_QUOTES copies of it made by SQL
 * exactly as QuotesRepository writes them: a quotes row (same request/unavailable/tier/expiry) and one
 * quote_options row per copy (a new id; the snapshot's `id` rewritten to it), the copies cycling over
 * the template's options so orders spread over the providers.
 *
 * 1. Bookings, each request with its own Idempotency-Key and its own quoteOptionId (one counter over
 *    every run): the limit closed loop (BENCH_CONNECTIONS), the app closed loop, then both open loop
 *    at half the limit's req/s (BENCH_OPEN_SECONDS). Targets: app ≥ 1,000 orders/s and ≥ 0.7 × the
 *    limit; open-loop p99 ≤ 25 ms.
 * 2. POST /v1/orders/{id}/events `picked_up` once for each of BENCH_EVENT_ORDERS (5,000) booked orders
 *    (provider's own key), then `in_transit` checkpoints round-robin over those orders for BENCH_SECONDS,
 *    occurredAt = now (an order comes round again only after 5,000 requests, so its events never race).
 *    Target ≥ 2,000 events/s.
 * Each run prints req/s, p50/p99/p99.9, CPU-ms per request of the server and of its PostgreSQL
 * backends, round trips per request, response bytes and peak RSS (bench/lib.js). Any non-2xx makes
 * the run invalid (exit code 2).
 *
 *   npm run bench:orders
 *   env: BENCH_PG_URL, BENCH_SECONDS (15), BENCH_WARMUP_SECONDS (3), BENCH_OPEN_SECONDS (10),
 *        BENCH_CONNECTIONS (50), BENCH_PROVIDERS (6), BENCH_QUOTES (150000), BENCH_EVENT_ORDERS (5000),
 *        BENCH_PORT (ephemeral), BENCH_CPU_PROF=<dir> (run the app under node --cpu-prof)
 */
'use strict';
const autocannon = require('autocannon');
const { createBenchDatabase } = require('./bench-db');
const { startApp, startLimit, stop, call, pgProbe, measure, line, openLoop } = require('./lib');
const { seedMarket, sql, cloneQuotes, TEMPLATE_QUOTE, shipper, consignee } = require('./market-seed');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 6);
const QUOTES = Number(process.env.BENCH_QUOTES ?? 150_000);
const EVENT_ORDERS = Number(process.env.BENCH_EVENT_ORDERS ?? 5_000);
const RUN = Date.now().toString(36);

async function main() {
  const db = await createBenchDatabase('orders');
  const servers = [];
  let probe;
  try {
    const { providers, counts } = await seedMarket(db.url, PROVIDERS);
    const keyOf = new Map(providers.map((p) => [p.id, p.key]));
    const app = await startApp(db.url, Number(process.env.BENCH_PORT ?? 0));
    servers.push(app);
    const { apiKey } = await call(app.base, 'POST', '/v1/buyers', null, { companyName: 'Bench Buyer Ltd', country: 'US' });
    const template = await call(app.base, 'POST', '/v1/quotes', apiKey, TEMPLATE_QUOTE);
    let t = Date.now();
    const optionIds = await cloneQuotes(db.url, template.id, QUOTES);
    console.log(
      `seeded ${counts.providers} providers, ${counts.lanes} lanes; template quote with ${template.options.length} options; ${optionIds.length} quotes copied by SQL in ${Date.now() - t} ms`,
    );
    const limit = await startLimit('limit-server.js', db.url);
    servers.push(limit);
    probe = await pgProbe(db.url);

    // 1. Booking: one counter over every run, so no quote option or key is used twice.
    let next = 0;
    const bookingLoad = (base, extra = {}) => ({
      url: `${base}/v1/orders`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => {
            const i = next++;
            if (i >= optionIds.length) throw new Error('out of pre-created quotes: raise BENCH_QUOTES');
            return {
              ...req,
              headers: { ...req.headers, 'idempotency-key': `bench-${RUN}-${i}` },
              body: JSON.stringify({ quoteOptionId: optionIds[i], shipper, consignee }),
            };
          },
        },
      ],
      ...extra,
    });
    const warmUp = async (name, base) => {
      const warm = await autocannon(bookingLoad(base, { duration: WARMUP }));
      if (warm.non2xx || warm.errors) console.log(`${name} booking warm-up: ${warm.non2xx} non-2xx, ${warm.errors} errors`);
    };
    await warmUp('limit', limit.base);
    const limitBook = await measure('limit POST /v1/orders closed', limit, probe, bookingLoad(limit.base));
    await warmUp('app', app.base);
    const appBook = await measure('app POST /v1/orders closed', app, probe, bookingLoad(app.base));
    const rate = Math.round(limitBook.reqPerSec / 2);
    const appBookOpen = await measure(`app POST /v1/orders open ${rate}/s`, app, probe, openLoop(bookingLoad(app.base), limitBook));
    const limitBookOpen = await measure(`limit POST /v1/orders open ${rate}/s`, limit, probe, openLoop(bookingLoad(limit.base), limitBook));
    console.log(`${next} quote options booked (or tried)`);

    // 2. Events, with each order's provider key.
    const orders = (await sql(db.url, `SELECT id, provider_id FROM orders ORDER BY booked_at LIMIT $1`, [EVENT_ORDERS])).rows;
    const eventLoad = (type, extra) => {
      let k = 0;
      return {
        url: `${app.base}/v1/orders`,
        method: 'POST',
        connections: CONNECTIONS,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const order = orders[k++ % orders.length];
              return {
                ...req,
                path: `/v1/orders/${order.id}/events`,
                headers: { ...req.headers, authorization: `Bearer ${keyOf.get(order.provider_id)}` },
                body: JSON.stringify({ type, occurredAt: new Date().toISOString(), location: 'CN Shenzhen hub' }),
              };
            },
          },
        ],
        ...extra,
      };
    };
    t = Date.now();
    const pickedUp = await measure(
      `app events picked_up (${orders.length})`,
      app,
      probe,
      eventLoad('picked_up', { amount: orders.length }),
    );
    const inTransit = await measure('app events in_transit closed', app, probe, eventLoad('in_transit', { duration: SECONDS }));

    const rows = [appBook, limitBook, appBookOpen, limitBookOpen, pickedUp, inTransit];
    const valid = rows.every((r) => r.valid);
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s closed loop, open loop at ${rate}/s`);
    for (const r of rows) console.log(`  ${line(r)}`);
    console.log(
      `  bookings: app ${appBook.reqPerSec}/s (target ≥ 1000), app/limit ${(appBook.reqPerSec / limitBook.reqPerSec).toFixed(2)} req/s (target ≥ 0.7), ` +
        `${(appBook.appCpuMsPerReq / limitBook.appCpuMsPerReq).toFixed(2)} CPU per request; open-loop app p99 ${appBookOpen.p99ms} ms (target ≤ 25)`,
    );
    console.log(
      `  events in_transit: ${inTransit.reqPerSec}/s (target ≥ 2000); app peak RSS ${Math.max(...rows.filter((r) => !r.name.startsWith('limit')).map((r) => r.peakRssMb))} MB (target ≤ 250)`,
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
