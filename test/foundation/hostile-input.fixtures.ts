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
  const p = await providerWithLanes(t, 'BD', [{ mode: 'express' }], 'Hostile Input Express');
  const buyer = await buyerAt(t, 'L0');
  const quote = await t.http.post('/v1/quotes').set(buyer.auth).send(quoteBody('BD'));
  const order = { quoteOptionId: quote.body.options[0].id, shipper: party('Dhaka Garments', 'Dhaka', '1000', 'BD'), consignee: party('Alaska Outfitters', 'Anchorage', '99501', 'US') };
  const booked = await t.http.post('/v1/orders').set(buyer.auth).set('Idempotency-Key', randomUUID()).send(order);
  if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${JSON.stringify(booked.body)}`);
  const o = booked.body.id as string;
  const provider = { id: p.id, key: p.key, laneId: p.laneIds[0] };
  const route = (method: WritingRoute['method'], path: string, auth: Auth, body: Record<string, unknown>): WritingRoute => ({ method, path, auth, body });
  const routes = [
    route('post', '/v1/api-keys', t.admin, { role: 'admin', label: 'ops key' }),
    route('post', '/v1/buyers', {}, { companyName: 'Acme Imports', country: 'GB', contactEmail: 'ops@acme.example' }),
    route('post', `/v1/buyers/${buyer.id}/evidence`, buyer.auth, {
      type: 'business_registration',
      value: { registrationNumber: '0987', legalName: 'Acme Imports Ltd', country: 'GB', yearEstablished: 2020 },
      documentRef: 'doc://registration.pdf',
    }),
    route('post', `/v1/evidence/${randomUUID()}/review`, t.admin, { decision: 'rejected', reason: 'unreadable scan' }),
    route('put', '/v1/tiers/policy', t.admin, { tiers: [{ tier: 'L1', name: 'Verified', conditions: [{ field: 'business_registration', op: 'verified' }] }] }),
    route('post', '/v1/providers', {}, { legalName: 'Swift Logistics Co.', country: 'CN' }),
    route('post', `/v1/providers/${p.id}/documents`, p.key, { ...DOCS.business_license }),
    route('post', `/v1/documents/${randomUUID()}/review`, t.admin, { decision: 'rejected', reason: 'expired' }),
    route('post', `/v1/providers/${p.id}/qualification-check`, t.admin, {}),
    route('post', `/v1/providers/${p.id}/lanes`, p.key, laneBody({ originCountry: 'BD', mode: 'air' })),
    route('patch', `/v1/lanes/${provider.laneId}`, p.key, { remoteArea: { postcodePrefixes: ['99'], perKgMinor: 60, minMinor: 2500 } }),
    route('post', `/v1/providers/${p.id}/violations`, t.admin, { code: 'forged_evidence', note: 'altered licence' }),
    route('post', '/v1/quotes', buyer.auth, quoteBody('BD')),
    route('post', '/v1/orders', buyer.auth, order),
    route('post', `/v1/orders/${o}/events`, p.key, { type: 'picked_up', occurredAt: '2026-06-02T10:00:00Z', location: 'Dhaka' }),
    route('post', `/v1/orders/${o}/cancel`, buyer.auth, { reason: 'changed plans' }),
    route('post', `/v1/orders/${o}/remedy`, p.key, { newPickupBy: '2026-06-10' }),
    route('post', `/v1/orders/${o}/claims`, buyer.auth, { type: 'damaged', description: 'box crushed', askedMinor: 100 }),
    route('post', `/v1/claims/${randomUUID()}/review`, t.admin, { decision: 'rejected', reason: 'no evidence' }),
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
  return { routes, lists, buyer: { id: buyer.id, auth: buyer.auth }, provider, orderId: o, order };
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

/** Rows in every table: what a refused request must leave as it was. */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables: { name: string }[] = await t.dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM "${name}"`))[0].n);
  return counts;
}

export const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
