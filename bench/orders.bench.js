#!/usr/bin/env node
/**
 * Booking and tracking throughput on the built app, in a dedicated PostgreSQL database (dropped at the end).
 *
 * Setup: a market of BENCH_PROVIDERS (6) qualified providers from CN (the quotes benchmark's seed, 18
 * lanes each, one API key per provider), one L0 buyer registered through POST /v1/buyers, one real
 * quote through POST /v1/quotes (express CN → US 99501), then BENCH_QUOTES copies of it made by SQL
 * exactly as QuotesRepository writes them: a quotes row (same request/unavailable/tier/expiry) and one
 * quote_options row per copy (a new id; the snapshot's `id` rewritten to it), the copies cycling over
 * the template's options so orders spread over the providers.
 *
 * 1. POST /v1/orders, autocannon BENCH_CONNECTIONS (50) for a warm-up + BENCH_SECONDS (15), each request
 *    with its own Idempotency-Key and its own quoteOptionId. Target ≥ 1,000 orders/s, p99 ≤ 50 ms.
 * 2. POST /v1/orders/{id}/events `picked_up` once for each of BENCH_EVENT_ORDERS (5,000) booked orders
 *    (provider's own key), then `in_transit` checkpoints round-robin over those orders for BENCH_SECONDS,
 *    occurredAt = now (an order comes round again only after 5,000 requests, so its events never race).
 *    Target ≥ 2,000 events/s.
 * Any non-2xx makes the run invalid.
 *
 *   npm run bench:orders
 *   env: BENCH_PG_URL, BENCH_SECONDS (15), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (50),
 *        BENCH_PROVIDERS (6), BENCH_QUOTES (60000), BENCH_EVENT_ORDERS (5000), BENCH_PORT (3941),
 *        BENCH_CPU_PROF=<dir> (run the app under node --cpu-prof)
 */
'use strict';
const autocannon = require('autocannon');
const { createBenchDatabase } = require('./bench-db');
const { seedMarket, startApp, stop, call, sql, cloneQuotes, TEMPLATE_QUOTE, shipper, consignee, rssSampler, summary } = require('./market-seed');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 6);
const QUOTES = Number(process.env.BENCH_QUOTES ?? 60_000);
const EVENT_ORDERS = Number(process.env.BENCH_EVENT_ORDERS ?? 5_000);
const PORT = Number(process.env.BENCH_PORT ?? 3941);
const BASE = `http://127.0.0.1:${PORT}`;
const RUN = Date.now().toString(36);

async function main() {
  const db = await createBenchDatabase('orders');
  let app;
  try {
    const { providers, counts } = await seedMarket(db.url, PROVIDERS);
    const keyOf = new Map(providers.map((p) => [p.id, p.key]));
    const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    app = await startApp(db.url, PORT, {}, nodeArgs);
    const { apiKey } = await call(BASE, 'POST', '/v1/buyers', null, { companyName: 'Bench Buyer Ltd', country: 'US' });
    const template = await call(BASE, 'POST', '/v1/quotes', apiKey, TEMPLATE_QUOTE);
    let t = Date.now();
    const optionIds = await cloneQuotes(db.url, template.id, QUOTES);
    console.log(`seeded ${counts.providers} providers, ${counts.lanes} lanes; template quote with ${template.options.length} options; ${optionIds.length} quotes copied by SQL in ${Date.now() - t} ms`);

    // 1. Booking.
    let next = 0;
    const booking = {
      url: `${BASE}/v1/orders`,
      method: 'POST',
      connections: CONNECTIONS,
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
    };
    const warm = await autocannon({ ...booking, duration: WARMUP });
    if (warm.non2xx || warm.errors) console.log(`booking warm-up: ${warm.non2xx} non-2xx, ${warm.errors} errors`);
    let rss = rssSampler(app.pid);
    const book = summary('POST /v1/orders', await autocannon({ ...booking, duration: SECONDS }));
    book.peakRssMb = rss.stop().peakMb;
    console.log(JSON.stringify(book));

    // 2. Events, with each order's provider key.
    const orders = (await sql(db.url, `SELECT id, provider_id FROM orders ORDER BY booked_at LIMIT $1`, [EVENT_ORDERS])).rows;
    const eventLoad = (type, extra) => {
      let k = 0;
      return {
        url: `${BASE}/v1/orders`,
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
    const pickedUp = summary('POST /v1/orders/{id}/events picked_up', await autocannon(eventLoad('picked_up', { amount: orders.length })));
    console.log(JSON.stringify(pickedUp));
    rss = rssSampler(app.pid);
    const inTransit = summary('POST /v1/orders/{id}/events in_transit', await autocannon(eventLoad('in_transit', { duration: SECONDS })));
    inTransit.peakRssMb = rss.stop().peakMb;
    console.log(JSON.stringify(inTransit));

    const valid = book.valid && pickedUp.valid && inTransit.valid;
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each`);
    console.log(`  POST /v1/orders:               ${book.reqPerSec} orders/s, p50 ${book.p50ms} ms, p99 ${book.p99ms} ms, ${book.total} orders, non-2xx ${book.non2xx}, errors ${book.errors}, peak RSS ${book.peakRssMb} MB (target ≥ 1000/s, p99 ≤ 50 ms)`);
    console.log(`  events picked_up (${orders.length}):      ${pickedUp.reqPerSec} events/s, p50 ${pickedUp.p50ms} ms, p99 ${pickedUp.p99ms} ms, non-2xx ${pickedUp.non2xx}, errors ${pickedUp.errors}`);
    console.log(`  events in_transit:             ${inTransit.reqPerSec} events/s, p50 ${inTransit.p50ms} ms, p99 ${inTransit.p99ms} ms, ${inTransit.total} events, non-2xx ${inTransit.non2xx}, errors ${inTransit.errors}, peak RSS ${inTransit.peakRssMb} MB (target ≥ 2000/s)`);
    console.log(`  run ${valid ? 'VALID (all 2xx)' : 'INVALID: non-2xx or errors seen'}`);
    if (!valid) process.exitCode = 2;
  } finally {
    if (app) await stop(app);
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
