import type { TestBuyer } from '../buyers/buyers.fixtures';
import { quoteBody } from '../support/scenario';
import type { TestApp } from '../support/test-app';

export const party = (postcode = '99501', country = 'US') => ({
  name: 'Acme Imports LLC',
  phone: '+1 907 555 0100',
  address: { line1: '1 Harbor Rd', city: 'Anchorage', postcode, country },
});

export const shipper = {
  name: 'Shenzhen Apparel Co',
  phone: '+86 755 5555 0000',
  address: { line1: '8 Factory Rd', city: 'Shenzhen', postcode: '518000', country: 'CN' },
};

let keys = 0;
export const idempotencyKey = () => `test-key-${process.pid}-${++keys}`;

/** Quotes from `origin` and answers the first option's id. */
export async function quoteOption(t: TestApp, buyer: TestBuyer, origin: string, overrides: Record<string, unknown> = {}) {
  const res = await t.http
    .post('/v1/quotes')
    .set(buyer.auth)
    .send(quoteBody(origin, { readyDate: undefined, ...overrides }));
  if (res.status !== 201) throw new Error(`quote failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { quote: res.body, optionId: res.body.options[0].id as string };
}

export function book(
  t: TestApp,
  buyer: TestBuyer,
  optionId: string,
  key = idempotencyKey(),
  consignee = party(),
  extra: Record<string, unknown> = {},
) {
  return t.http
    .post('/v1/orders')
    .set(buyer.auth)
    .set('Idempotency-Key', key)
    .send({ quoteOptionId: optionId, shipper, consignee, ...extra });
}

/** Quotes and books; answers the order. */
export async function bookedOrder(t: TestApp, buyer: TestBuyer, origin: string) {
  const { optionId } = await quoteOption(t, buyer, origin, { mode: 'express' });
  const res = await book(t, buyer, optionId);
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; totalMinor: number; pickupBy: string; guaranteedBy: string; providerId: string };
}

export function postEvent(
  t: TestApp,
  auth: { Authorization: string },
  orderId: string,
  type: string,
  occurredAt: string,
  location?: string,
) {
  return t.http
    .post(`/v1/orders/${orderId}/events`)
    .set(auth)
    .send({ type, occurredAt, ...(location ? { location } : {}) });
}
