/**
 * Quote a shipment and book the cheapest option, as a buyer: `BLM_URL=… BLM_KEY=… npx tsx examples/quote-and-book.ts`.
 * Every path, body and answer below is checked by the compiler against the API's document.
 */
import { randomUUID } from 'node:crypto';
import { createBlmClient, type Schemas } from '../src';

export async function quoteAndBook(baseUrl: string, apiKey: string): Promise<Schemas['OrderDto']> {
  const api = createBlmClient({ baseUrl, apiKey });
  const quote = await api.POST('/v1/quotes', {
    body: {
      origin: { country: 'CN' },
      destination: { country: 'US', postcode: '90001' },
      pieces: [{ quantity: 2, weightKg: 5, lengthCm: 40, widthCm: 30, heightCm: 30 }],
      goods: { category: 'apparel', description: 'Cotton t-shirts' },
      declaredValue: { amountMinor: 150_000, currency: 'USD' },
    },
  });
  if (quote.error) throw new Error(`quote refused: ${quote.error.code} ${quote.error.detail ?? ''}`);
  const cheapest = quote.data.options[0];
  if (!cheapest) throw new Error(`nothing could quote: ${quote.data.unavailable.map((u) => u.reason).join(', ')}`);

  const party = (name: string, country: string, postcode: string) => ({
    name,
    phone: '+1 213 555 0100',
    address: { line1: '1 Market St', city: 'Los Angeles', postcode, country },
  });
  const order = await api.POST('/v1/orders', {
    params: { header: { 'Idempotency-Key': randomUUID() } },
    body: {
      quoteOptionId: cheapest.id,
      shipper: party('Shenzhen Goods Co.', 'CN', '518000'),
      consignee: party('Acme Imports LLC', 'US', '90001'),
    },
  });
  if (order.error) throw new Error(`booking refused: ${order.error.code}`);
  return order.data;
}

if (require.main === module) {
  const { BLM_URL = 'http://localhost:3000', BLM_KEY = '' } = process.env;
  quoteAndBook(BLM_URL, BLM_KEY).then(
    (order) => console.log(`booked ${order.id}: ${order.totalMinor} ${order.currency} cents, delivered by ${order.guaranteedBy}`),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
