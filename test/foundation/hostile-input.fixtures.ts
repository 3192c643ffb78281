import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { DOCS, laneBody } from '../providers/fixtures';
import { buyerAt, providerWithLanes, quoteBody } from '../support/scenario';
import type { TestApp } from '../support/test-app';

type Auth = Record<string, string>;

/** A writing route, the key that may call it, and a body naming the string fields it stores. */
export interface WritingRoute {
  method: 'post' | 'put' | 'patch';
  path: string;
  auth: Auth;
  body: Record<string, unknown>;
}

export interface HostileScene {
  /** In every text the scene sends, so a row a refused request created would be found. */
  mark: string;
  routes: WritingRoute[];
  lists: string[];
  buyer: { id: string; auth: Auth };
  provider: { id: string; key: Auth; laneId: string };
  orderId: string;
  order: Record<string, unknown>;
}

const party = (name: string, city: string, postcode: string, country: string) => ({
  name,
  phone: '+1 907 555 0100',
  address: { line1: '1 Harbour Rd', line2: 'Unit 2', city, region: 'North', postcode, country },
});

/** One provider with a BD → US lane, one L0 buyer with an order; every writing and list route. */
export async function hostileScene(t: TestApp): Promise<HostileScene> {
  const mark = `mark${randomUUID().slice(0, 8)}`;
  const p = await providerWithLanes(t, 'BD', [{ mode: 'express' }], `Hostile Input Express ${mark}`);
  const buyer = await buyerAt(t, 'L0');
  const quote = await t.http.post('/v1/quotes').set(buyer.auth).send(quoteBody('BD'));
  const order = {
    quoteOptionId: quote.body.options[0].id,
    shipper: party('Dhaka Garments', 'Dhaka', '1000', 'BD'),
    consignee: party('Alaska Outfitters', 'Anchorage', '99501', 'US'),
  };
  const booked = await t.http.post('/v1/orders').set(buyer.auth).set('Idempotency-Key', randomUUID()).send(order);
  if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${JSON.stringify(booked.body)}`);
  const o = booked.body.id as string;
  const provider = { id: p.id, key: p.key, laneId: p.laneIds[0] };
  const route = (method: WritingRoute['method'], path: string, auth: Auth, body: Record<string, unknown>): WritingRoute => ({
    method,
    path,
    auth,
    body,
  });
  const routes = [
    route('post', '/v1/api-keys', t.admin, { role: 'admin', label: `ops key ${mark}` }),
    route('post', '/v1/buyers', {}, { companyName: `Acme Imports ${mark}`, country: 'GB', contactEmail: `${mark}@acme.example` }),
    route('post', `/v1/buyers/${buyer.id}/evidence`, buyer.auth, {
      type: 'business_registration',
      value: { registrationNumber: '0987', legalName: `Acme Imports Ltd ${mark}`, country: 'GB', yearEstablished: 2020 },
      documentRef: `doc://${mark}.pdf`,
    }),
    route('post', `/v1/evidence/${randomUUID()}/review`, t.admin, { decision: 'rejected', reason: `unreadable scan ${mark}` }),
    route('put', '/v1/tiers/policy', t.admin, {
      tiers: [{ tier: 'L1', name: `Verified ${mark}`, conditions: [{ field: 'business_registration', op: 'verified' }] }],
    }),
    route('post', '/v1/providers', {}, { legalName: `Swift Logistics ${mark}`, country: 'CN' }),
    route('post', `/v1/providers/${p.id}/documents`, p.key, { ...DOCS.business_license, number: `BL-${mark}` }),
    route('post', `/v1/documents/${randomUUID()}/review`, t.admin, { decision: 'rejected', reason: `expired ${mark}` }),
    route('post', `/v1/providers/${p.id}/qualification-check`, t.admin, {}),
    route('post', `/v1/providers/${p.id}/lanes`, p.key, laneBody({ originCountry: 'BD', mode: 'air' })),
    route('patch', `/v1/lanes/${provider.laneId}`, p.key, { remoteArea: { postcodePrefixes: ['99'], perKgMinor: 60, minMinor: 2500 } }),
    route('post', `/v1/providers/${p.id}/violations`, t.admin, { code: 'forged_evidence', note: `altered licence ${mark}` }),
    route('post', '/v1/quotes', buyer.auth, quoteBody('BD', { goods: { category: 'apparel', description: `t-shirts ${mark}` } })),
    route('post', '/v1/orders', buyer.auth, { ...order, shipper: party(`Dhaka Garments ${mark}`, 'Dhaka', '1000', 'BD') }),
    route('post', `/v1/orders/${o}/events`, p.key, { type: 'picked_up', occurredAt: '2026-06-02T10:00:00Z', location: `Dhaka ${mark}` }),
    route('post', `/v1/orders/${o}/cancel`, buyer.auth, { reason: `changed plans ${mark}` }),
    route('post', `/v1/orders/${o}/remedy`, p.key, { newPickupBy: '2026-06-10' }),
    route('post', `/v1/orders/${o}/claims`, buyer.auth, { type: 'damaged', description: `box crushed ${mark}`, askedMinor: 100 }),
    route('post', `/v1/claims/${randomUUID()}/review`, t.admin, { decision: 'rejected', reason: `no evidence ${mark}` }),
    route('post', '/v1/admin/sweeps/pickup-obligation', t.admin, { asOf: '2026-06-02T00:00:00Z' }),
  ];
  const lists = [
    '/v1/buyers',
    `/v1/buyers/${buyer.id}/evidence`,
    `/v1/buyers/${buyer.id}/tier/history`,
    `/v1/buyers/${buyer.id}/credits`,
    `/v1/providers/${p.id}/documents`,
    `/v1/providers/${p.id}/lanes`,
    '/v1/market/providers',
    '/v1/orders',
  ];
  return { mark, routes, lists, buyer: { id: buyer.id, auth: buyer.auth }, provider, orderId: o, order };
}

export function send(t: TestApp, r: { method: string; path: string; auth: Auth }): Test {
  const http = t.http as unknown as Record<string, (path: string) => Test>;
  return http[r.method]!(r.path).set(r.auth).set('Idempotency-Key', randomUUID());
}

/** The body with `poison` appended to every string in it, and the paths of those strings. */
export function poisoned(value: unknown, poison: string, path = ''): { body: unknown; fields: string[] } {
  if (typeof value === 'string') return { body: value + poison, fields: [path] };
  if (Array.isArray(value)) {
    const items = value.map((v, i) => poisoned(v, poison, `${path}[${i}]`));
    return { body: items.map((i) => i.body), fields: items.flatMap((i) => i.fields) };
  }
  if (typeof value !== 'object' || value === null) return { body: value, fields: [] };
  const entries = Object.entries(value).map(([k, v]) => [k, poisoned(v, poison, path ? `${path}.${k}` : k)] as const);
  return { body: Object.fromEntries(entries.map(([k, p]) => [k, p.body])), fields: entries.flatMap(([, p]) => p.fields) };
}

/** `depth` objects nested in one another, as JSON text. */
export const nestedJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const SCOPE_COLUMNS = ['id', 'buyer_id', 'provider_id', 'order_id', 'subject_id'];

/**
 * What a refused request must leave as it was, on a database other test files write to at the
 * same time: per table, the rows that belong to the scene (its buyer, provider and order) or carry
 * the scene's mark in any text, plus the order's state.
 */
export async function sceneRows(t: TestApp, scene: HostileScene): Promise<Record<string, unknown>> {
  const columns: { table: string; column: string; type: string }[] = await t.dataSource.query(
    `SELECT table_name AS "table", column_name AS "column", data_type AS "type" FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const ids = [scene.buyer.id, scene.provider.id, scene.orderId];
  const byTable = new Map<string, string[]>();
  for (const { table, column, type } of columns) {
    const conditions = byTable.get(table) ?? [];
    if (SCOPE_COLUMNS.includes(column) && type === 'uuid') conditions.push(`"${column}" = ANY($1::uuid[])`);
    if (['text', 'character varying', 'jsonb'].includes(type)) conditions.push(`"${column}"::text LIKE $2`);
    byTable.set(table, conditions);
  }
  const rows: Record<string, unknown> = {};
  for (const [table, conditions] of byTable) {
    if (conditions.length === 0) continue;
    // The first condition is never true; it types both parameters for tables that use only one.
    const where = ['($1::uuid[] IS NULL AND $2::text IS NULL)', ...conditions].join(' OR ');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${where}`, [ids, `%${scene.mark}%`]);
    rows[table] = n;
  }
  rows.order = (await t.dataSource.query('SELECT status, pickup_by::text AS "pickupBy" FROM orders WHERE id = $1', [scene.orderId]))[0];
  return rows;
}

export const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
