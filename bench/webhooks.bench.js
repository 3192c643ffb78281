#!/usr/bin/env node
/**
 * Bookings and their webhooks on the built app, in a dedicated PostgreSQL database (dropped at the end).
 *
 * Setup as bench/orders.bench.js: BENCH_PROVIDERS (6) qualified providers, one L0 buyer, one real quote
 * copied BENCH_QUOTES times by SQL. A local receiver (in this process, 127.0.0.1, answers 200 at once)
 * records each delivery's arrival; the app runs with WEBHOOK_ALLOW_PRIVATE_URLS=true.
 *
 * 1. POST /v1/orders with no endpoint, autocannon BENCH_CONNECTIONS (50), warm-up + BENCH_SECONDS (10).
 * 2. The same with two endpoints of the buyer subscribed to `order.*` (two deliveries per booking):
 *    booking throughput (target ≥ 0.9 × step 1) and the deliveries' rate while they keep coming, until
 *    the backlog is drained (target ≥ 500 deliveries/s).
 * 3. Bookings at a fixed BENCH_RATE (200) per second for BENCH_SECONDS, one endpoint subscribed: the
 *    time from each event's createdAt (set in the booking's transaction, just before its commit) to
 *    the receiver's 2xx; p50/p99 (target p99 ≤ 1 s).
 * 4. BENCH_BACKLOG (2000) bookings with two endpoints while the app runs with WEBHOOKS_ENABLED=false,
 *    then the app restarted with delivery on: the rate at which it drains the backlog (target ≥ 500/s).
 * Any non-2xx booking makes the run invalid.
 *
 *   npm run bench:webhooks
 *   env: BENCH_PG_URL, BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (50), BENCH_PROVIDERS (6),
 *        BENCH_QUOTES (50000), BENCH_RATE (200), BENCH_BACKLOG (2000), BENCH_PORT (3942)
 */
'use strict';
const { createServer } = require('node:http');
const autocannon = require('autocannon');
const { createBenchDatabase } = require('./bench-db');
const { seedMarket, cloneQuotes, TEMPLATE_QUOTE, shipper, consignee } = require('./market-seed');
const { startApp, stop, call, paced: pacedLoad, percentile } = require('./lib');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 6);
const QUOTES = Number(process.env.BENCH_QUOTES ?? 50_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 2000);
const PORT = Number(process.env.BENCH_PORT ?? 3942);
const BASE = `http://127.0.0.1:${PORT}`;
const RUN = Date.now().toString(36);

/** Records each delivery: arrival time and the latency from the event's createdAt. */
function startReceiver() {
  // `paths`: which endpoints this phase counts (a straggler of the phase before is not counted).
  const state = { count: 0, first: 0, last: 0, latencies: [], record: false, paths: null };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      res.writeHead(200).end();
      if (state.paths && !state.paths.includes(new URL(req.url, 'http://x').pathname)) return;
      state.count++;
      state.first ||= now;
      state.last = now;
      if (state.record) state.latencies.push(now - Date.parse(JSON.parse(Buffer.concat(chunks).toString()).createdAt));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, state, url: `http://127.0.0.1:${server.address().port}` })),
  );
}

/** How many deliveries over 1 s fell in each tenth of the phase (in arrival order): a warm-up tail or a steady one. */
function tenths(latencies) {
  const size = Math.ceil(latencies.length / 10);
  return Array.from({ length: 10 }, (_, i) => latencies.slice(i * size, (i + 1) * size).filter((ms) => ms > 1000).length);
}

async function waitDrained(state, expected, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (state.count < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return state.count >= expected;
}

/** One autocannon run as a row (and a line on stdout). */
function summary(name, r) {
  const row = {
    name,
    reqPerSec: Math.round(r.requests.average),
    total: r.requests.total,
    p50ms: r.latency.p50,
    p90ms: r.latency.p90,
    p99ms: r.latency.p99,
    maxMs: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: r.statusCodeStats,
  };
  row.valid = row.non2xx === 0 && row.errors === 0 && row.timeouts === 0;
  return row;
}

async function main() {
  const db = await createBenchDatabase('webhooks');
  const receiver = await startReceiver();
  let app;
  try {
    const { counts } = await seedMarket(db.url, PROVIDERS);
    app = await startApp(db.url, PORT, { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
    const { apiKey } = await call(BASE, 'POST', '/v1/buyers', null, { companyName: 'Bench Buyer Ltd', country: 'US' });
    const template = await call(BASE, 'POST', '/v1/quotes', apiKey, TEMPLATE_QUOTE);
    const optionIds = await cloneQuotes(db.url, template.id, QUOTES);
    console.log(`seeded ${counts.providers} providers, ${counts.lanes} lanes; ${optionIds.length} quotes copied by SQL`);

    let next = 0;
    const booking = (extra) => ({
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
      ...extra,
    });

    // 1. No endpoint.
    await autocannon(booking({ duration: WARMUP }));
    const bare = summary('POST /v1/orders, no endpoint', await autocannon(booking({ duration: SECONDS })));
    console.log(JSON.stringify(bare));

    // 2. Two endpoints.
    const endpoints = [];
    for (const path of ['/a', '/b'])
      endpoints.push(await call(BASE, 'POST', '/v1/webhook-endpoints', apiKey, { url: `${receiver.url}${path}`, events: ['order.*'] }));
    const s = receiver.state;
    const hooked = summary('POST /v1/orders, 2 endpoints', await autocannon(booking({ duration: SECONDS })));
    const expected = 2 * hooked.total;
    const drained = await waitDrained(s, expected);
    const deliveryRate = Math.round(s.count / ((s.last - s.first) / 1000));
    console.log(JSON.stringify({ ...hooked, deliveries: s.count, expected, drained, deliveryRatePerSec: deliveryRate }));

    // 3. A fixed rate, one endpoint: commit → 2xx.
    s.record = false;
    // A fresh endpoint: what phase 2's last bookings still deliver to /a and /b is not counted here.
    for (const e of endpoints.splice(0))
      await fetch(`${BASE}/v1/webhook-endpoints/${e.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${apiKey}` } });
    endpoints.push(await call(BASE, 'POST', '/v1/webhook-endpoints', apiKey, { url: `${receiver.url}/e`, events: ['order.*'] }));
    Object.assign(s, { count: 0, first: 0, last: 0, latencies: [], record: true, paths: ['/e'] });
    const paced = summary(
      `POST /v1/orders at ${RATE}/s, 1 endpoint`,
      // Evenly spaced (bench/lib.js paced): autocannon's overallRate would send each second's bookings in one burst.
      await pacedLoad(booking({ duration: SECONDS, connections: 20, overallRate: RATE })),
    );
    await waitDrained(s, paced.total, 30_000);
    const sorted = [...s.latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 0.5);
    const p99 = percentile(sorted, 0.99);
    const p90 = percentile(sorted, 0.9);
    console.log(
      JSON.stringify({
        ...paced,
        deliveries: s.count,
        commitTo2xxP50ms: p50,
        commitTo2xxP90ms: p90,
        commitTo2xxP99ms: p99,
        commitTo2xxMaxMs: sorted.at(-1) ?? null,
        over1sByTenth: tenths(s.latencies),
      }),
    );

    // 4. Delivery capacity: a backlog booked while no instance delivers, then drained by one that does.
    await fetch(`${BASE}/v1/webhook-endpoints/${endpoints[0].id}`, { method: 'DELETE', headers: { authorization: `Bearer ${apiKey}` } });
    for (const path of ['/c', '/d'])
      await call(BASE, 'POST', '/v1/webhook-endpoints', apiKey, { url: `${receiver.url}${path}`, events: ['order.*'] });
    await stop(app);
    app = await startApp(db.url, PORT, { WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_ENABLED: 'false' });
    Object.assign(s, { count: 0, first: 0, last: 0, latencies: [], record: false, paths: ['/c', '/d'] });
    const backlog = summary('POST /v1/orders, backlog', await autocannon(booking({ amount: BACKLOG })));
    await stop(app);
    app = await startApp(db.url, PORT, { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
    const backlogDrained = await waitDrained(s, 2 * backlog.total);
    const drainRate = Math.round(s.count / ((s.last - s.first) / 1000));
    console.log(JSON.stringify({ backlogDeliveries: s.count, drained: backlogDrained, drainRatePerSec: drainRate }));

    const ratio = hooked.reqPerSec / bare.reqPerSec;
    const valid = bare.valid && hooked.valid && paced.valid && drained && backlog.valid && backlogDrained;
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each`);
    console.log(`  bookings, no endpoint:   ${bare.reqPerSec} orders/s, p99 ${bare.p99ms} ms`);
    console.log(`  bookings, 2 endpoints:   ${hooked.reqPerSec} orders/s, p99 ${hooked.p99ms} ms — ${ratio.toFixed(2)}× (target ≥ 0.9×)`);
    console.log(`  deliveries while booking: ${deliveryRate}/s (2 per booking, kept pace: ${drained ? 'drained' : 'NOT drained'})`);
    console.log(`  delivery capacity:       ${drainRate} deliveries/s draining a backlog of ${2 * backlog.total} (target ≥ 500/s)`);
    console.log(`  commit → 2xx at ${RATE}/s:  p50 ${p50} ms, p99 ${p99} ms over ${paced.total} events (target p99 ≤ 1000 ms)`);
    console.log(`  run ${valid ? 'VALID (all 2xx, backlog drained)' : 'INVALID: non-2xx, errors or undelivered'}`);
    if (!valid) process.exitCode = 2;
  } finally {
    if (app) await stop(app);
    receiver.server.close();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
