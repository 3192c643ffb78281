'use strict';
/**
 * The market the quote and booking benchmarks run on (bench/quotes.bench.js, bench/orders.bench.js,
 * bench/booking-storm.js): qualified providers from CN with their lanes and API keys, and copies of a
 * real quote made by SQL. Starting servers and measuring them is bench/lib.js.
 */
const { createHash } = require('node:crypto');
const { Client } = require('pg');

const DESTINATIONS = ['US', 'CA', 'MX', 'GB', 'FR', 'DE'];
const MODES = ['express', 'air', 'sea_lcl'];

async function sql(url, text, params) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

/**
 * `providers` qualified providers, each with one active lane from CN per destination × mode (so
 * providers × 18 lanes). Rate cards vary by provider (±15 %), by mode (express per kg with breaks
 * 0/21/45/100 kg; air per kg 0/45/100/300 kg; sea_lcl per revenue tonne 0/5/15 t), US lanes charge a
 * remote-area fee for Alaska/Hawaii prefixes, every 4th provider takes dangerous goods, every 10th
 * provider's lanes need an L2 buyer. Each provider also gets an API key `providerKey(i)`.
 */
function marketSeedSql(providers) {
  return `
INSERT INTO providers (id, legal_name, country, status, checked_at, last_check, created_at)
SELECT md5('bench-provider-' || i)::uuid, 'Bench Logistics ' || lpad(i::text, 4, '0') || ' Ltd', 'CN', 'qualified', now(),
       '{"qualified": true, "results": []}'::jsonb, now() - (i || ' seconds')::interval
FROM generate_series(1, ${providers}) AS i;

INSERT INTO lanes (provider_id, origin_country, destination_country, mode, transit_days_min, transit_days_max, handling_days,
  weight_breaks, min_charge_minor, fuel_surcharge_bps, remote_area, oversize_fee_minor, max_piece_weight_kg, dangerous_goods, min_buyer_tier)
SELECT md5('bench-provider-' || i)::uuid, 'CN', d.dest, m.mode,
       CASE m.mode WHEN 'express' THEN 2 + i % 3 WHEN 'air' THEN 4 + i % 3 ELSE 18 + i % 7 END,
       CASE m.mode WHEN 'express' THEN 5 + i % 3 WHEN 'air' THEN 8 + i % 4 ELSE 30 + i % 10 END,
       CASE m.mode WHEN 'express' THEN 1 WHEN 'air' THEN 2 ELSE 3 END,
       CASE m.mode
         WHEN 'express' THEN jsonb_build_array(
           jsonb_build_object('minKg', 0,   'ratePerUnitMinor', round(1250 * f)),
           jsonb_build_object('minKg', 21,  'ratePerUnitMinor', round(1050 * f)),
           jsonb_build_object('minKg', 45,  'ratePerUnitMinor', round(920 * f)),
           jsonb_build_object('minKg', 100, 'ratePerUnitMinor', round(780 * f)))
         WHEN 'air' THEN jsonb_build_array(
           jsonb_build_object('minKg', 0,   'ratePerUnitMinor', round(720 * f)),
           jsonb_build_object('minKg', 45,  'ratePerUnitMinor', round(560 * f)),
           jsonb_build_object('minKg', 100, 'ratePerUnitMinor', round(470 * f)),
           jsonb_build_object('minKg', 300, 'ratePerUnitMinor', round(390 * f)))
         ELSE jsonb_build_array(
           jsonb_build_object('minKg', 0,  'ratePerUnitMinor', round(9500 * f)),
           jsonb_build_object('minKg', 5,  'ratePerUnitMinor', round(8200 * f)),
           jsonb_build_object('minKg', 15, 'ratePerUnitMinor', round(7100 * f)))
       END,
       CASE m.mode WHEN 'express' THEN 3500 + (i % 5) * 500 WHEN 'air' THEN 6000 + (i % 4) * 1000 ELSE 12000 + (i % 3) * 2000 END,
       CASE m.mode WHEN 'sea_lcl' THEN 300 + (i % 4) * 100 ELSE 1200 + (i % 9) * 150 END,
       CASE WHEN d.dest = 'US' THEN '{"postcodePrefixes":["995","996","967","968"],"perKgMinor":60,"minMinor":2500}'::jsonb END,
       CASE m.mode WHEN 'sea_lcl' THEN 0 ELSE 4500 END,
       CASE m.mode WHEN 'express' THEN 70 WHEN 'air' THEN 300 ELSE 1000 END,
       i % 4 = 0,
       CASE WHEN i % 10 = 0 THEN 'L2' ELSE 'L0' END
FROM generate_series(1, ${providers}) AS i,
     unnest(ARRAY['US','CA','MX','GB','FR','DE']) AS d(dest),
     unnest(ARRAY['express','air','sea_lcl']) AS m(mode),
     LATERAL (SELECT 0.85 + (i % 31) / 100.0 AS f) x;

UPDATE market_version SET version = version + 1;
ANALYZE;`;
}

const providerKey = (i) => `blm_bench_provider_${String(i).padStart(6, '0')}_${'0'.repeat(15)}`;
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

/** Seeds the market and one API key per provider; answers [{ id, key }] in provider order. */
async function seedMarket(url, providers) {
  await sql(url, marketSeedSql(providers));
  const { rows } = await sql(
    url,
    `SELECT i, md5('bench-provider-' || i)::uuid::text AS id FROM generate_series(1, $1::int) AS i ORDER BY i`,
    [providers],
  );
  const keyed = rows.map((r) => ({ id: r.id, key: providerKey(r.i) }));
  await sql(
    url,
    `INSERT INTO api_keys (prefix, hash, role, subject_id, label)
     SELECT left(k, 12), encode(sha256(convert_to(k, 'UTF8')), 'hex'), 'provider', id, 'bench'
       FROM unnest($1::text[], $2::uuid[]) AS t(k, id)`,
    [keyed.map((p) => p.key), keyed.map((p) => p.id)],
  );
  const counts = (
    await sql(
      url,
      `SELECT (SELECT count(*) FROM providers WHERE status = 'qualified')::int AS providers,
                           (SELECT count(*) FROM lanes WHERE active)::int AS lanes,
                           (SELECT count(*) FROM lanes WHERE destination_country = 'US' AND mode = 'express')::int AS us_express`,
    )
  ).rows[0];
  return { providers: keyed, counts };
}

const CLONE_QUOTES = `
WITH tpl AS (SELECT * FROM quotes WHERE id = $1),
     opts AS (SELECT * FROM quote_options WHERE quote_id = $1),
     cnt AS (SELECT count(*)::int AS n FROM opts),
     gen AS (SELECT g, gen_random_uuid() AS qid, gen_random_uuid() AS oid FROM generate_series(1, $2::int) AS g),
     q AS (INSERT INTO quotes (id, buyer_id, tier, created_at, expires_at, request, unavailable)
           SELECT gen.qid, tpl.buyer_id, tpl.tier, tpl.created_at, tpl.expires_at, tpl.request, tpl.unavailable FROM gen, tpl)
INSERT INTO quote_options (id, quote_id, rank, provider_id, lane_id, mode, total_minor, currency, pickup_by, guaranteed_by, expires_at, snapshot)
SELECT gen.oid, gen.qid, 1, o.provider_id, o.lane_id, o.mode, o.total_minor, o.currency, o.pickup_by, o.guaranteed_by, o.expires_at,
       jsonb_set(o.snapshot, '{id}', to_jsonb(gen.oid::text))
  FROM gen, cnt, opts o
 WHERE o.rank = (gen.g % cnt.n) + 1
RETURNING id`;

/** The booking benches' quote (express CN → US 99501) and the parties of its orders. */
const TEMPLATE_QUOTE = {
  origin: { country: 'CN' },
  destination: { country: 'US', postcode: '99501' },
  mode: 'express',
  pieces: [
    { quantity: 1, weightKg: 5, lengthCm: 40, widthCm: 30, heightCm: 30 },
    { quantity: 1, weightKg: 3.2, lengthCm: 20, widthCm: 20, heightCm: 20 },
  ],
  goods: { category: 'apparel', description: 'cotton t-shirts' },
  declaredValue: { amountMinor: 150_000, currency: 'USD' },
};
const consignee = {
  name: 'Acme Imports LLC',
  phone: '+1 907 555 0100',
  address: { line1: '1 Harbor Rd', city: 'Anchorage', postcode: '99501', country: 'US' },
};
const shipper = {
  name: 'Shenzhen Apparel Co',
  phone: '+86 755 5555 0000',
  address: { line1: '8 Factory Rd', city: 'Shenzhen', postcode: '518000', country: 'CN' },
};

/**
 * `n` copies of a real quote made by SQL exactly as QuotesRepository writes them: a quotes row (same
 * request/unavailable/tier/expiry) and one quote_options row per copy (a new id; the snapshot's `id`
 * rewritten to it), the copies cycling over the template's options. Answers the copies' option ids.
 */
async function cloneQuotes(url, templateId, n) {
  const ids = (await sql(url, CLONE_QUOTES, [templateId, n])).rows.map((r) => r.id);
  await sql(url, 'ANALYZE');
  return ids;
}

function utcDate() {
  return new Date().toISOString().slice(0, 10);
}

module.exports = { DESTINATIONS, MODES, sql, seedMarket, cloneQuotes, TEMPLATE_QUOTE, shipper, consignee, utcDate, sha256 };
