import { randomUUID } from 'node:crypto';
import { buyerAt, providerWithLanes, quoteBody } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import type { Response } from 'supertest';
import { registration } from '../buyers/buyers.fixtures';
import { DOCS, laneBody } from '../providers/fixtures';
import { cursorOf, hostileScene, nestedJson, poisoned, sceneRows, send, type HostileScene } from './hostile-input.fixtures';

/**
 * SPEC §1: no input, however malformed, yields a 5xx. Every writing route gets the same battery of
 * hostile bodies (wrong shapes, extreme numbers) from each role, and must answer 4xx.
 */
const HUGE = 1e20;
const hostileBodies: unknown[] = [
  {},
  [],
  'text',
  0,
  { a: { b: { c: { d: { e: { f: 1 } } } } } },
  { amountMinor: HUGE, askedMinor: HUGE, approvedMinor: HUGE, coverageUsd: HUGE, value: HUGE },
  { type: 'damaged', description: 'x', askedMinor: HUGE },
  { decision: 'approved', approvedMinor: HUGE },
  { decision: 'verified', coverageUsd: HUGE, expiresAt: '9999-99-99' },
  { type: 'annual_procurement_usd', value: HUGE, documentRef: 'x' },
  { type: 'annual_procurement_usd', value: Number.MAX_SAFE_INTEGER, documentRef: 'x' },
  { type: 'picked_up', occurredAt: '2026-13-45T99:99:99Z' },
  { newPickupBy: '2026-02-30' },
  { asOf: '-271821-04-20T00:00:00Z' },
  { quoteOptionId: randomUUID(), shipper: {}, consignee: {} },
  { code: 'forged_evidence', note: 'x'.repeat(10_000) },
];

describe('hostile input never yields a 5xx (SPEC §1)', () => {
  let t: TestApp;
  let scene: HostileScene;
  let keys: Record<string, string>[];

  beforeAll(async () => {
    t = await createTestApp();
    scene = await hostileScene(t);
    keys = [t.admin, scene.buyer.auth, scene.provider.key];
  });
  afterAll(() => t.close());

  it('answers every hostile body on every writing route, from every role, with a 4xx', async () => {
    const failures: string[] = [];
    for (const { method, path } of scene.routes) {
      for (const auth of keys) {
        for (const body of hostileBodies) {
          const res = await send(t, { method, path, auth }).send(body as object);
          if (res.status >= 500) failures.push(`${method.toUpperCase()} ${path} ${JSON.stringify(body).slice(0, 80)} → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers hostile query strings and path parameters with a 4xx', async () => {
    const paths = [
      '/v1/buyers?limit=1e9',
      '/v1/buyers?tier=L9',
      '/v1/buyers?cursor=%00%01',
      '/v1/market/providers?destination=USA&mode=boat',
      '/v1/market/providers?limit=-1',
      '/v1/orders?status=flying&limit=abc',
      `/v1/providers/${randomUUID()}/compliance?month=2026-00`,
      '/v1/quotes/not-a-uuid',
      '/v1/orders/%27%20OR%201=1',
    ];
    for (const path of paths) {
      const res = await t.http.get(path).set(t.admin);
      expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
    }
  });

  /** A 4xx problem+json carrying X-Request-Id, with this status and code. */
  const refused = (res: Response, status: number, code: string, what: string) => {
    const seen = {
      what,
      status: res.status,
      code: res.body?.code,
      type: res.headers['content-type'],
      id: res.body?.requestId === res.headers['x-request-id'],
    };
    expect(seen).toEqual({ what, status, code, type: expect.stringMatching(/^application\/problem\+json/), id: true });
  };
  const fieldsOf = (res: Response) => new Set(((res.body.errors ?? []) as { field: string }[]).map((e) => e.field));

  describe('what PostgreSQL cannot store, and other malformed input, is refused and changes nothing', () => {
    let before: Record<string, unknown>;
    beforeAll(async () => {
      before = await sceneRows(t, scene);
    });

    it.each([
      ['U+0000', '\u0000'],
      ['a lone surrogate', '\ud800'],
    ])('refuses %s in each stored string field of every writing route, naming the fields', async (_what, poison) => {
      for (const r of scene.routes) {
        const { body, fields } = poisoned(r.body, poison);
        if (fields.length === 0) continue;
        const res = await send(t, r).send(body as object);
        refused(res, 400, 'validation_failed', `${r.method} ${r.path}`);
        expect({ path: r.path, fields: fieldsOf(res) }).toEqual({ path: r.path, fields: new Set(fields) });
      }
    });

    it('refuses U+0000 in query strings and path parameters, naming them', async () => {
      for (const [path, field] of [
        ['/v1/buyers?cursor=%00', 'cursor'],
        ['/v1/market/providers?destination=U%00', 'destination'],
        ['/v1/orders/%00', 'id'],
      ]) {
        const res = await t.http.get(path).set(t.admin);
        refused(res, 400, 'validation_failed', path);
        expect(fieldsOf(res)).toEqual(new Set([field]));
      }
    });

    it.each([33, 3000])('refuses JSON nested %i levels deep on every writing route with malformed_json', async (depth) => {
      for (const r of scene.routes) {
        const res = await send(t, r).set('Content-Type', 'application/json').send(nestedJson(depth));
        refused(res, 400, 'malformed_json', `${r.method} ${r.path}`);
      }
      const arrays = await send(t, scene.routes[1])
        .set('Content-Type', 'application/json')
        .send(`${'['.repeat(depth)}${']'.repeat(depth)}`);
      refused(arrays, 400, 'malformed_json', 'arrays');
    });

    it('reads JSON nested 32 levels deep (then refuses the unknown field)', async () => {
      const res = await t.http.post('/v1/buyers').set('Content-Type', 'application/json').send(nestedJson(32));
      refused(res, 400, 'validation_failed', 'depth 32');
    });

    it('refuses a charset other than UTF-8 on every writing route with 415', async () => {
      for (const r of scene.routes) {
        const res = await send(t, r).set('Content-Type', 'application/json; charset=latin1').send(JSON.stringify(r.body));
        refused(res, 415, 'unsupported_media_type', `${r.method} ${r.path}`);
      }
    });

    it('refuses cursors the API did not issue on every list route', async () => {
      const id = randomUUID();
      const forged = [
        cursorOf(['2026-01-01T00:00:00Z', 'not-a-uuid']),
        cursorOf(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
        cursorOf(['yesterday', id]),
        cursorOf(['2026-02-30T00:00:00.000Z', id]),
        cursorOf(['99999999999999999999', id]),
        cursorOf([JSON.stringify([false, 'x', 'y']), id]),
        cursorOf([1, 2]),
        'not a cursor!',
      ];
      for (const list of scene.lists) {
        for (const cursor of forged) {
          const res = await t.http.get(list).query({ cursor }).set(t.admin);
          refused(res, 400, 'invalid_cursor', `${list} ${cursor}`);
        }
      }
    });

    it('refuses impossible dates and instants, naming the field', async () => {
      const { provider: p, buyer, orderId: o } = scene;
      const cases: [string, string, Record<string, string>, Record<string, unknown>, string][] = [
        ['post', `/v1/orders/${o}/remedy`, p.key, { newPickupBy: '2026-06-31' }, 'newPickupBy'],
        ['post', '/v1/quotes', buyer.auth, quoteBody('BD', { readyDate: '2026-02-29' }), 'readyDate'],
        ['post', `/v1/providers/${p.id}/documents`, p.key, { ...DOCS.business_license, expiresAt: '2026-06-31' }, 'expiresAt'],
        ['post', `/v1/providers/${p.id}/documents`, p.key, { ...DOCS.business_license, issuedAt: '2026-02-29' }, 'issuedAt'],
        ['post', `/v1/orders/${o}/events`, p.key, { type: 'picked_up', occurredAt: '2026-02-29T10:00:00Z' }, 'occurredAt'],
        ['post', `/v1/orders/${o}/events`, p.key, { type: 'picked_up', occurredAt: '2026-06-02T10:00:00' }, 'occurredAt'],
        ['post', `/v1/evidence/${randomUUID()}/review`, t.admin, { decision: 'verified', expiresAt: '2026-06-31T00:00:00Z' }, 'expiresAt'],
        ['post', '/v1/admin/sweeps/pickup-obligation', t.admin, { asOf: '2026-02-30T00:00:00Z' }, 'asOf'],
      ];
      for (const [method, path, auth, body, field] of cases) {
        const res = await send(t, { method, path, auth }).send(body);
        refused(res, 400, 'validation_failed', `${path} ${field}`);
        expect(fieldsOf(res)).toContain(field);
      }
    });

    it('refuses countries in lower case, naming the field', async () => {
      const { provider: p, buyer } = scene;
      const withConsignee = {
        ...scene.order,
        consignee: {
          ...(scene.order.consignee as object),
          address: { line1: '1 Rd', city: 'Anchorage', postcode: '99501', country: 'us' },
        },
      };
      const cases: [string, string, Record<string, string>, Record<string, unknown>, string][] = [
        ['post', '/v1/buyers', {}, { companyName: `Lower Case ${scene.mark}`, country: 'gb' }, 'country'],
        ['post', '/v1/providers', {}, { legalName: `Lower Case ${scene.mark}`, country: 'cn' }, 'country'],
        ['post', `/v1/providers/${p.id}/lanes`, p.key, laneBody({ originCountry: 'bd', mode: 'air' }), 'originCountry'],
        [
          'post',
          `/v1/providers/${p.id}/lanes`,
          p.key,
          laneBody({ originCountry: 'BD', destinationCountry: 'us', mode: 'air' }),
          'destinationCountry',
        ],
        ['post', '/v1/quotes', buyer.auth, quoteBody('bd'), 'origin.country'],
        ['post', '/v1/quotes', buyer.auth, quoteBody('BD', { destination: { country: 'us', postcode: '99501' } }), 'destination.country'],
        ['post', '/v1/orders', buyer.auth, withConsignee, 'consignee.address.country'],
        [
          'post',
          `/v1/buyers/${buyer.id}/evidence`,
          buyer.auth,
          { type: 'business_registration', value: { ...registration(), country: 'gb' }, documentRef: 'doc://r' },
          'value.country',
        ],
      ];
      for (const [method, path, auth, body, field] of cases) {
        const res = await send(t, { method, path, auth }).send(body);
        refused(res, 400, 'validation_failed', `${path} ${field}`);
        expect(fieldsOf(res)).toContain(field);
      }
      const market = await t.http.get('/v1/market/providers?destination=us').set(buyer.auth);
      refused(market, 400, 'validation_failed', 'market');
    });

    it('refuses control characters in names, naming the field', async () => {
      const { buyer } = scene;
      const shipper = { ...(scene.order.shipper as object), name: 'Dhaka\u0007Garments' };
      const consignee = { ...(scene.order.consignee as object), name: 'Alaska\u001b[31mOutfitters' };
      const cases: [string, string, Record<string, string>, Record<string, unknown>, string][] = [
        ['post', '/v1/buyers', {}, { companyName: `Acme\tImports ${scene.mark}`, country: 'GB' }, 'companyName'],
        ['post', '/v1/providers', {}, { legalName: `Swift\nLogistics ${scene.mark}`, country: 'CN' }, 'legalName'],
        ['post', '/v1/orders', buyer.auth, { ...scene.order, shipper }, 'shipper.name'],
        ['post', '/v1/orders', buyer.auth, { ...scene.order, consignee }, 'consignee.name'],
        [
          'post',
          `/v1/buyers/${buyer.id}/evidence`,
          buyer.auth,
          { type: 'business_registration', value: { ...registration(), legalName: 'Acme\rLtd' }, documentRef: 'doc://r' },
          'value.legalName',
        ],
        ['post', '/v1/api-keys', t.admin, { role: 'admin', label: `ops\u0085key ${scene.mark}` }, 'label'],
        [
          'put',
          '/v1/tiers/policy',
          t.admin,
          { tiers: [{ tier: 'L0', name: `Entry\nTier ${scene.mark}`, allOf: [], anyOf: [] }] },
          'tiers[0].name',
        ],
      ];
      for (const [method, path, auth, body, field] of cases) {
        const res = await send(t, { method, path, auth }).send(body);
        refused(res, 400, 'validation_failed', `${path} ${field}`);
        expect(fieldsOf(res)).toContain(field);
      }
    });

    it('changed no row with any of the refusals above', async () => {
      expect(before).toMatchObject({ orders: 1, lanes: 1, order: { status: expect.any(String) } });
      expect(await sceneRows(t, scene)).toEqual(before);
    });
  });

  it('still accepts what is valid: a leap day, UTF-8 named explicitly, the cursors it issues', async () => {
    const doc = await t.http
      .post(`/v1/providers/${scene.provider.id}/documents`)
      .set(scene.provider.key)
      .send({ ...DOCS.business_license, expiresAt: '2028-02-29' });
    expect({ status: doc.status, expiresAt: doc.body.expiresAt }).toEqual({ status: 201, expiresAt: '2028-02-29' });
    const utf8 = await t.http
      .post('/v1/buyers')
      .set('Content-Type', 'application/json; charset=UTF-8')
      .send(JSON.stringify({ companyName: 'Café Ünïcode 株式会社', country: 'DE' }));
    expect({ status: utf8.status, name: utf8.body.buyer?.companyName }).toEqual({ status: 201, name: 'Café Ünïcode 株式会社' });
    for (const list of scene.lists) {
      const first = await t.http.get(list).query({ limit: 1 }).set(t.admin);
      expect({ list, status: first.status }).toEqual({ list, status: 200 });
      if (first.body.nextCursor === null) continue;
      const next = await t.http.get(list).query({ limit: 1, cursor: first.body.nextCursor }).set(t.admin);
      expect({ list, status: next.status, other: JSON.stringify(next.body.data[0]) !== JSON.stringify(first.body.data[0]) }).toEqual({
        list,
        status: 200,
        other: true,
      });
    }
  });
});

describe('extreme but valid-looking numbers never yield a 5xx', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses rates that could overflow a price, and prices the largest accepted ones on the largest shipment', async () => {
    const provider = await providerWithLanes(t, 'BN', [{ mode: 'express' }], 'Extreme Rates Express');
    const buyer = await buyerAt(t, 'L0');
    const lane = provider.laneIds[0];
    const tooHigh = await t.http
      .patch(`/v1/lanes/${lane}`)
      .set(provider.key)
      .send({ weightBreaks: [{ minKg: 0, ratePerUnitMinor: Number.MAX_SAFE_INTEGER }] });
    expect(tooHigh.status).toBe(400);
    const highest = await t.http
      .patch(`/v1/lanes/${lane}`)
      .set(provider.key)
      .send({
        maxPieceWeightKg: 1000,
        fuelSurchargeBps: 10_000,
        minChargeMinor: 1_000_000_000,
        oversizeFeeMinor: 1_000_000_000,
        weightBreaks: [{ minKg: 0, ratePerUnitMinor: 1_000_000 }],
        remoteArea: { postcodePrefixes: ['99'], perKgMinor: 1_000_000, minMinor: 1_000_000_000 },
      });
    expect(highest.status).toBe(200);
    const piece = { quantity: 999, weightKg: 1000, lengthCm: 400, widthCm: 400, heightCm: 400 };
    const quote = await t.http
      .post('/v1/quotes')
      .set(buyer.auth)
      .send(quoteBody('BN', { pieces: Array.from({ length: 50 }, () => piece), mode: 'express' }));
    expect(quote.status).toBe(201);
    expect(Number.isSafeInteger(quote.body.options[0].totalMinor)).toBe(true);
  });
});
