#!/usr/bin/env node
/**
 * Booking storm with a crash (SPEC §1 Idempotency-Key): two instances of the BUILT app on one
 * PostgreSQL database of its own (dropped at the end), STORM_BOOKINGS (300) bookings of distinct quotes,
 * each with its own Idempotency-Key, STORM_CONCURRENCY (24) at a time over both instances. When a third
 * of them have answered, instance B is killed with SIGKILL and started again. Every attempt that does
 * not come back with a business answer (a cut connection, a timeout, 5xx, 409 idempotency_key_in_use)
 * is retried with the same key and body, alternating the instances, until it answers (at most
 * STORM_MAX_ATTEMPTS, 60). Expected: every booking ends 201 and has exactly one order, no booking is
 * told 409 about its own success, and no retry waits more than 10 s for its answer.
 *
 *   npm run bench:storm
 *   env: BENCH_PG_URL, STORM_BOOKINGS (300), STORM_CONCURRENCY (24), STORM_MAX_ATTEMPTS (60)
 */
'use strict';
const { createBenchDatabase } = require('./bench-db');
const { startApp, stop, call } = require('./lib');
const { seedMarket, sql, cloneQuotes, TEMPLATE_QUOTE, shipper, consignee } = require('./market-seed');

const BOOKINGS = Number(process.env.STORM_BOOKINGS ?? 300);
const CONCURRENCY = Number(process.env.STORM_CONCURRENCY ?? 24);
const MAX_ATTEMPTS = Number(process.env.STORM_MAX_ATTEMPTS ?? 60);
const ATTEMPT_TIMEOUT_MS = 15_000;
const RETRY_PAUSE_MS = 50;
const RUN = Date.now().toString(36);

/** One attempt; `business` is true when the answer is the booking's outcome rather than a fault. */
async function attempt(base, apiKey, key, body) {
  try {
    const res = await fetch(`${base}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
      body,
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    const json = await res.json().catch(() => null);
    const code = json?.code ?? null;
    const business = res.status < 500 && code !== 'idempotency_key_in_use';
    return { status: res.status, code, id: json?.id ?? null, replayed: res.headers.get('idempotent-replayed') === 'true', business };
  } catch (error) {
    return { status: 0, code: error.cause?.code ?? error.name, business: false };
  }
}

async function main() {
  const db = await createBenchDatabase('storm');
  const apps = [];
  try {
    await seedMarket(db.url, 3);
    const env = { DB_POOL_SIZE: '10' };
    for (let k = 0; k < 2; k++) apps.push(await startApp(db.url, 0, env));
    const bases = apps.map((app) => app.base);
    const { apiKey } = await call(bases[0], 'POST', '/v1/buyers', null, { companyName: 'Storm Buyer Ltd', country: 'US' });
    const template = await call(bases[0], 'POST', '/v1/quotes', apiKey, TEMPLATE_QUOTE);
    const optionIds = await cloneQuotes(db.url, template.id, BOOKINGS);

    const results = [];
    let answered = 0;
    let killedAt = null;
    let restartedAt = null;
    const crash = async () => {
      killedAt = Date.now();
      apps[1].kill('SIGKILL');
      await new Promise((resolve) => apps[1].once('exit', resolve));
      apps[1] = await startApp(db.url, Number(new URL(bases[1]).port), env); // same port: the clients keep its URL
      restartedAt = Date.now();
    };
    let crashing = null;

    const book = async (i) => {
      const key = `storm-${RUN}-${i}`;
      const body = JSON.stringify({ quoteOptionId: optionIds[i], shipper, consignee });
      const r = { i, attempts: 0, firstStatus: null, statuses: [], final: null, firstFailureAt: null, waitMs: 0 };
      for (; r.attempts < MAX_ATTEMPTS;) {
        const a = await attempt(bases[(i + r.attempts) % 2], apiKey, key, body);
        r.attempts += 1;
        r.statuses.push(a.code && a.status !== 201 ? `${a.status}:${a.code}` : String(a.status));
        if (r.firstStatus === null) r.firstStatus = a.status;
        if (a.business) {
          r.final = a;
          break;
        }
        r.firstFailureAt ??= Date.now();
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      }
      if (r.firstFailureAt) r.waitMs = Date.now() - r.firstFailureAt;
      results.push(r);
      answered += 1;
      if (answered === Math.floor(BOOKINGS / 3)) crashing = crash();
    };

    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < BOOKINGS) await book(next++);
      }),
    );
    await crashing;
    const seconds = (Date.now() - started) / 1000;

    const orders = (await sql(db.url, `SELECT quote_option_id, id, count(*) OVER (PARTITION BY quote_id)::int AS per_quote FROM orders`))
      .rows;
    const orderOf = new Map(orders.map((o) => [o.quote_option_id, o.id]));
    const keys = (await sql(db.url, `SELECT key, response_status FROM idempotency_keys WHERE key LIKE $1`, [`storm-${RUN}-%`])).rows;
    const committed = new Map(keys.filter((k) => k.response_status !== null).map((k) => [k.key, k.response_status]));

    const ok = results.filter((r) => r.final?.status === 201);
    const retried = results.filter((r) => r.attempts > 1);
    const conflicts = results.filter((r) => r.final?.status === 409);
    const wrongOrder = ok.filter((r) => orderOf.get(optionIds[r.i]) !== r.final.id);
    const figures = {
      bookings: BOOKINGS,
      answered201: ok.length,
      answered201FirstTry: ok.filter((r) => r.attempts === 1).length,
      answered201OnRetry: ok.filter((r) => r.attempts > 1).length,
      replayedOnRetry: ok.filter((r) => r.attempts > 1 && r.final.replayed).length,
      retriedBookings: retried.length,
      attempts: results.reduce((n, r) => n + r.attempts, 0),
      conflicts409: conflicts.length,
      unanswered: results.filter((r) => !r.final).length,
      ordersInDatabase: orders.length,
      duplicateOrders: orders.filter((o) => o.per_quote > 1).length,
      answersNamingAnotherOrder: wrongOrder.length,
      keysWithoutCommittedResponse: BOOKINGS - results.filter((r) => committed.get(`storm-${RUN}-${r.i}`) === 201).length,
      longestRetryWaitMs: Math.max(0, ...results.map((r) => r.waitMs)),
      instanceDownMs: restartedAt - killedAt,
      seconds,
    };
    console.log(JSON.stringify(figures));
    const faults = {};
    for (const r of retried) for (const s of r.statuses.slice(0, -1)) faults[s] = (faults[s] ?? 0) + 1;
    console.log(`retried attempts by answer: ${JSON.stringify(faults)}`);
    for (const r of conflicts.slice(0, 5)) console.log(`  409 booking ${r.i}: ${r.statuses.join(' → ')}`);

    const pass =
      figures.answered201 === BOOKINGS &&
      figures.ordersInDatabase === BOOKINGS &&
      figures.duplicateOrders === 0 &&
      figures.answersNamingAnotherOrder === 0 &&
      figures.keysWithoutCommittedResponse === 0 &&
      figures.longestRetryWaitMs <= 10_000;
    console.log(pass ? 'PASS: every booking answered 201 once, one order each, no wait over 10 s' : 'FAIL');
    if (!pass) process.exitCode = 2;
  } finally {
    for (const app of apps) await stop(app);
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
