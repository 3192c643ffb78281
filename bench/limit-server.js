#!/usr/bin/env node
/**
 * The "limit" for POST /v1/quotes and POST /v1/orders: bare Fastify + pg, no framework, the minimum
 * equivalent work per request, used by bench/quotes.bench.js and bench/orders.bench.js as the
 * yardstick for the app.
 *
 * At start (not per request):
 *   - every unrevoked API key: SELECT hash, role, subject_id FROM api_keys → Map(sha256 hex → principal)
 *     (the app caches key lookups per instance too, so a warm app does no key query either);
 *   - the newest tier policy document (the app keeps it in memory too);
 *   - the bookable lanes per destination, loaded lazily with the app's own `BookableLanesRepository.load` and
 *     kept in memory (the app caches them too; no version re-check here).
 * Per POST /v1/quotes:
 *   1. Bearer key → sha256 → Map lookup, role must be buyer (else 401/403);
 *   2. the buyer row (the app's BuyersRepository.findBuyer, one indexed read);
 *   3. buildQuote(...) from dist/src/quotes/quote-builder.js — the app's compiled pure pricing code,
 *      so the pricing work is identical (lanes filtered with the app's isListed at `now`);
 *   4. the same single-statement CTE INSERT of the quote and its options as QuotesRepository.insert;
 *   5. 201 with the quote as JSON.
 * Per POST /v1/orders (Idempotency-Key required), the statements of the app's booking, in one
 * transaction, each from the app's own repository:
 *   1. BEGIN;
 *   2. IdempotencyRepository.insert (the key, with its lock bound; a repeated key answers 409 here,
 *      the limit does not replay), then IdempotencyRepository.beginWork (SET LOCAL; SAVEPOINT);
 *   3. the buyer row (BuyersRepository.findBuyer, what the app's BuyerTierReader reads);
 *   4. the option with its quote's buyer and request (the app's QuotesRepository.forBooking);
 *   5. the lane's and provider's bookability (the app's LanesRepository.bookability);
 *   6. OrdersRepository.insert (order and its `booked` event in one statement);
 *   7. EventsRepository.insert (the `order.booked` event, SPEC §11) with, in the same statement,
 *      WebhookDeliveriesRepository.fanOutSql (its deliveries to subscribed endpoints);
 *   8. IdempotencyRepository.saveResponse; COMMIT; 201 with the order as JSON.
 * No body validation (the app validates with class-validator), no logging, metrics, rate limiting,
 * helmet/CORS headers or request ids: those are the framework/product overhead being measured.
 *
 * Its pool is the app's: GuardedClient, with the statements the app marks `prepared` run as named
 * prepared statements (DB_PREPARED_STATEMENTS=false: not, as for the app).
 *
 *   DATABASE_URL=postgres://… PORT=… [DB_POOL_SIZE=10, the app's default] node bench/limit-server.js
 */
'use strict';
const { createHash, randomUUID } = require('node:crypto');
const { join } = require('node:path');
const Fastify = require('fastify');
const { Pool } = require('pg');

const dist = join(__dirname, '..', 'dist', 'src');
const { buildQuote } = require(join(dist, 'quotes/quote-builder'));
const { BookableLanesRepository } = require(join(dist, 'providers/bookable-lanes.repository'));
const { isListed } = require(join(dist, 'providers/qualification'));
const { tierDefinition, discountBps } = require(join(dist, 'buyers/tier-policy'));
const { OrdersRepository } = require(join(dist, 'orders/orders.repository'));
const { EventsRepository } = require(join(dist, 'events/events.repository'));
const { WebhookDeliveriesRepository } = require(join(dist, 'webhooks/webhook-deliveries.repository'));
const { IdempotencyRepository } = require(join(dist, 'common/idempotency/idempotency.repository'));
const { requestHash } = require(join(dist, 'common/idempotency/request-hash'));

const { GuardedClient } = require(join(dist, 'database/guarded-client'));

// The app's pool: its client class, so the statements the app prepares are prepared here too.
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
  Client: GuardedClient,
  preparedStatements: process.env.DB_PREPARED_STATEMENTS !== 'false',
});
const manager = { query: (text, params) => pool.query(text, params).then((r) => r.rows) };

// The app's own repository classes, given a bare pg pool (or client) in place of TypeORM's
// TransactionContext: the very same statements.
const { QuotesRepository } = require(join(dist, 'quotes/quotes.repository'));
const { LanesRepository } = require(join(dist, 'providers/lanes.repository'));
const { BuyersRepository } = require(join(dist, 'buyers/buyers.repository'));
const quotesRepository = new QuotesRepository({ manager });
const buyersRepository = new BuyersRepository({ manager });
const bookable = new BookableLanesRepository(manager);
const idempotency = new IdempotencyRepository({ manager });

const keys = new Map();
let policy;
const lanesByDestination = new Map();

async function lanesTo(destination, now) {
  let rows = lanesByDestination.get(destination);
  if (!rows) {
    const loaded = await bookable.load(destination);
    rows = loaded.rows.map((r) => ({
      provider: r.provider,
      item: { ...r.lane, provider: { id: r.provider.id, legalName: r.provider.legalName, demotedUntil: r.provider.demotedUntil } },
    }));
    lanesByDestination.set(destination, rows);
  }
  const out = [];
  for (const row of rows) if (isListed(row.provider, now)) out.push(row.item);
  return out;
}

function problem(reply, status, code) {
  return reply.code(status).type('application/problem+json').send({ status, code });
}

async function main() {
  for (const r of (await pool.query(`SELECT id, hash, role, subject_id FROM api_keys WHERE revoked_at IS NULL`)).rows) {
    keys.set(r.hash, { keyId: r.id, role: r.role, subjectId: r.subject_id });
  }
  const p = (await pool.query(`SELECT version, document FROM tier_policies ORDER BY version DESC LIMIT 1`)).rows[0];
  policy = { ...p.document, version: p.version };

  const app = Fastify({ logger: false });
  app.get('/health/ready', async () => ({ status: 'ok' }));
  app.post('/v1/quotes', async (req, reply) => {
    const auth = req.headers.authorization;
    const principal = auth?.startsWith('Bearer ') ? keys.get(createHash('sha256').update(auth.slice(7)).digest('hex')) : undefined;
    if (!principal) return problem(reply, 401, 'unauthorized');
    if (principal.role !== 'buyer') return problem(reply, 403, 'forbidden');

    const now = new Date();
    const body = req.body;
    const request = { ...body, readyDate: body.readyDate ?? now.toISOString().slice(0, 10) };
    const [buyer, lanes] = await Promise.all([buyersRepository.findBuyer(principal.subjectId), lanesTo(request.destination.country, now)]);
    const tier = buyer.tier;
    const { benefits } = tierDefinition(policy, tier);
    const terms = {
      tier,
      discountBps: discountBps(benefits),
      quoteValidityHours: benefits.quoteValidityHours,
      automaticCompensation: benefits.automaticCompensation,
    };

    const built = buildQuote(request, lanes, terms, now);
    if (built.prohibited) return problem(reply, 422, 'goods_prohibited');
    const quote = {
      id: randomUUID(),
      buyerId: principal.subjectId,
      tier,
      createdAt: now,
      expiresAt: built.expiresAt,
      request,
      options: built.options.map((option) => ({ id: randomUUID(), ...option, expiresAt: built.expiresAt })),
      unavailable: built.unavailable,
    };
    await quotesRepository.insert(quote);
    return reply.code(quote.options.length === 0 ? 200 : 201).send(quote);
  });

  app.post('/v1/orders', async (req, reply) => {
    const auth = req.headers.authorization;
    const principal = auth?.startsWith('Bearer ') ? keys.get(createHash('sha256').update(auth.slice(7)).digest('hex')) : undefined;
    if (!principal) return problem(reply, 401, 'unauthorized');
    if (principal.role !== 'buyer') return problem(reply, 403, 'forbidden');
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string') return problem(reply, 400, 'idempotency_key_missing');

    const client = await pool.connect();
    const m = { query: (text, params) => client.query(text, params).then((r) => r.rows) };
    try {
      await client.query('BEGIN');
      const scope = { apiKeyId: principal.keyId, key, hash: requestHash(req.method, req.url, req.body) };
      if ((await idempotency.insert(m, scope, 10_000)) !== 'inserted') {
        await client.query('ROLLBACK');
        return problem(reply, 409, 'idempotency_key_in_use');
      }
      await idempotency.beginWork(m);
      const now = new Date();
      const body = req.body;
      const tx = { manager: m };
      const buyer = await new BuyersRepository(tx).findBuyer(principal.subjectId);
      const option = await new QuotesRepository(tx).forBooking(body.quoteOptionId);
      if (!option || option.buyerId !== principal.subjectId) {
        await client.query('ROLLBACK');
        return problem(reply, 404, 'not_found');
      }
      const lane = await new LanesRepository(tx).bookability(option.providerId, option.laneId);
      if (!lane?.active) {
        await client.query('ROLLBACK');
        return problem(reply, 409, 'provider_unavailable');
      }
      const { benefits } = tierDefinition(policy, buyer.tier);
      const order = {
        id: randomUUID(),
        quoteId: option.quoteId,
        quoteOptionId: option.id,
        buyerId: principal.subjectId,
        providerId: option.providerId,
        laneId: option.laneId,
        status: 'booked',
        totalMinor: option.totalMinor,
        currency: option.currency,
        declaredValueMinor: option.declaredValueMinor,
        creditAppliedMinor: 0,
        payableMinor: option.totalMinor,
        credits: [],
        pickupBy: option.pickupBy,
        guaranteedBy: option.guaranteedBy,
        remedyPickupBy: null,
        tierAtBooking: buyer.tier,
        automaticCompensation: benefits.automaticCompensation,
        shipper: body.shipper,
        consignee: body.consignee,
        bookedAt: now,
        pickedUpAt: null,
        deliveredAt: null,
        onTime: null,
        cancelledAt: null,
        cancelledBy: null,
        events: [{ type: 'booked', occurredAt: now, location: null, note: null }],
      };
      if (!(await new OrdersRepository(tx).insert(order))) {
        await client.query('ROLLBACK');
        return problem(reply, 409, 'quote_already_booked');
      }
      const event = { id: randomUUID(), type: 'order.booked', buyerId: order.buyerId, providerId: order.providerId, object: order };
      await new EventsRepository(tx).insert([event], now, [new WebhookDeliveriesRepository(tx).fanOutSql]);
      await idempotency.saveResponse(m, principal.keyId, key, { status: 201, body: order });
      const json = JSON.stringify(order);
      await client.query('COMMIT');
      return reply.code(201).type('application/json; charset=utf-8').send(json);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  });

  const port = Number(process.env.PORT);
  await app.listen({ port, host: '127.0.0.1' });
  const close = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
