import type { TestBuyer } from '../buyers/buyers.fixtures';
import type { ScenarioProvider } from '../support/scenario';
import type { TestApp } from '../support/test-app';
import { book, idempotencyKey, postEvent, quoteOption } from './orders.fixtures';

/** One 1 kg parcel: the lane's minimum charge, 8,438 cents for an L1 buyer to a remote postcode. */
export const SMALL_PIECES = [{ quantity: 1, weightKg: 1, lengthCm: 10, widthCm: 10, heightCm: 10 }];

const DAY = 86_400_000;
const at = (day: string, plusDays: number, time: string) => new Date(new Date(`${day}T${time}Z`).getTime() + plusDays * DAY).toISOString();

/**
 * Books an express order on `day` (at 12:00Z), picks it up the next day and delivers it 9 days after
 * booking, which is late; then the buyer claims (below L3) its credit. Leaves the clock at that moment.
 */
export async function lateCredit(
  t: TestApp,
  provider: ScenarioProvider,
  buyer: TestBuyer,
  origin: string,
  day: string,
  pieces?: unknown[],
) {
  t.clock.set(at(day, 0, '12:00:00'));
  const { optionId } = await quoteOption(t, buyer, origin, { mode: 'express', ...(pieces ? { pieces } : {}) });
  const order = (await book(t, buyer, optionId)).body as { id: string; totalMinor: number };
  t.clock.set(at(day, 1, '12:00:00'));
  await postEvent(t, provider.key, order.id, 'picked_up', at(day, 1, '10:00:00'));
  t.clock.set(at(day, 9, '12:00:00'));
  const delivered = await postEvent(t, provider.key, order.id, 'delivered', at(day, 9, '09:00:00'));
  if (delivered.body.onTime !== false) throw new Error(`expected a late delivery: ${JSON.stringify(delivered.body)}`);
  const claim = await t.http
    .post(`/v1/orders/${order.id}/claims`)
    .set(buyer.auth)
    .set('Idempotency-Key', idempotencyKey())
    .send({ type: 'late_delivery' });
  if (claim.status !== 201) throw new Error(`claim failed: ${claim.status} ${JSON.stringify(claim.body)}`);
  return {
    orderId: order.id,
    totalMinor: order.totalMinor,
    approvedMinor: claim.body.approvedMinor as number,
    creditId: claim.body.creditId as string,
  };
}
