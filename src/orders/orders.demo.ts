import type { ModuleRef } from '@nestjs/core';
import { DEMO_BUYER_KEYS } from '../buyers/demo-buyers';
import { ApiKeysService } from '../common/auth/api-keys.service';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { ComplianceService } from '../compliance/compliance.service';
import { demoProviderId } from '../providers/providers.demo';
import type { CreateQuoteDto } from '../quotes/dto/create-quote.dto';
import { QuotesService } from '../quotes/quotes.service';
import { addDays, utcDate } from '../common/calendar';
import type { TrackingEvent } from './order-lifecycle';
import { ClaimsService } from './claims.service';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { TrackingService } from './tracking.service';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const party = (name: string, country: string, postcode: string, city: string) => ({
  name,
  phone: '+1 555 0100',
  address: { line1: '1 Demo Street', city, postcode, country },
});

/**
 * Demo orders in every status, a late delivery compensated automatically (its credit paying part of
 * a later booking), a lost shipment credited on claim (a spendable credit) and an admin violation — all through the services, as an API client would cause them. Past orders are
 * made by booking now and moving the booking back in time (OrdersRepository.backdate, for the demo only), then posting their
 * events with past `occurredAt`, so every rule (lateness, credits, points) runs for real.
 */
export async function seedOrdersDemo(moduleRef: ModuleRef): Promise<void> {
  const get = <T>(token: new (...args: never[]) => T) => moduleRef.get(token, { strict: false });
  const keys = get(ApiKeysService);
  const repo = get(OrdersRepository);
  const quotes = get(QuotesService);
  const orders = get(OrdersService);
  const tracking = get(TrackingService);
  const now = get(Clock).now();

  const buyerOf = async (key: string) => (await keys.authenticate(key))?.subjectId ?? undefined;
  const l1 = await buyerOf(DEMO_BUYER_KEYS.L1);
  const l3 = await buyerOf(DEMO_BUYER_KEYS.L3);
  const providerId = demoProviderId(1);
  if (!l1 || !l3) return;
  if (await repo.anyOfBuyers([l1, l3])) return;
  const provider: Principal = { keyId: 'demo-seed', role: 'provider', subjectId: providerId };

  const book = async (buyerId: string, daysAgo: number, applyCredits = false) => {
    const request = {
      origin: { country: 'CN' },
      destination: { country: 'US', postcode: '90001' },
      mode: 'express',
      readyDate: utcDate(now),
      pieces: [{ quantity: 3, weightKg: 8.5, lengthCm: 50, widthCm: 40, heightCm: 30 }],
      goods: { category: 'apparel', description: 'Cotton hoodies' },
      declaredValue: { amountMinor: 240_000, currency: 'USD' },
    } as CreateQuoteDto;
    const quote = await quotes.create(buyerId, request);
    const option = quote.options.find((o) => o.providerId === providerId) ?? quote.options[0];
    if (!option) throw new Error('demo: no quote option to book');
    const order = await orders.book(
      { keyId: 'demo-seed', role: 'buyer', subjectId: buyerId },
      {
        quoteOptionId: option.id,
        shipper: party('Shenzhen Apparel Co', 'CN', '518000', 'Shenzhen'),
        consignee: party('Demo Buyer Warehouse', 'US', '90001', 'Los Angeles'),
        applyCredits,
      },
    );
    if (daysAgo > 0) await repo.backdate(order.id, daysAgo);
    return {
      id: order.id,
      bookedAt: new Date(order.bookedAt.getTime() - daysAgo * DAY),
      guaranteedBy: addDays(order.guaranteedBy, -daysAgo),
    };
  };
  const post = (orderId: string, type: TrackingEvent, at: Date, location: string) =>
    tracking.post(provider, orderId, { type, occurredAt: at.toISOString(), location }).catch((error: Error) => {
      throw new Error(`demo: ${type} at ${at.toISOString()} (now ${now.toISOString()}): ${error.message}`);
    });

  await book(l1, 0); // booked

  const pickedUp = await book(l1, 2);
  await post(pickedUp.id, 'picked_up', new Date(pickedUp.bookedAt.getTime() + 20 * HOUR), 'Shenzhen');

  const inTransit = await book(l3, 4);
  await post(inTransit.id, 'picked_up', new Date(inTransit.bookedAt.getTime() + 20 * HOUR), 'Shenzhen');
  await post(inTransit.id, 'in_transit', new Date(inTransit.bookedAt.getTime() + 2 * DAY), 'Hong Kong HKG');

  const onTime = await book(l1, 30);
  await post(onTime.id, 'picked_up', new Date(onTime.bookedAt.getTime() + 20 * HOUR), 'Shenzhen');
  await post(onTime.id, 'delivered', new Date(`${onTime.guaranteedBy}T15:00:00Z`), 'Los Angeles');

  // Delivered two days after guaranteedBy: L3 gets the credit automatically; the provider a point.
  const late = await book(l3, 30);
  await post(late.id, 'picked_up', new Date(late.bookedAt.getTime() + 20 * HOUR), 'Shenzhen');
  await post(late.id, 'in_transit', new Date(late.bookedAt.getTime() + 3 * DAY), 'Anchorage ANC');
  await post(late.id, 'delivered', new Date(new Date(`${late.guaranteedBy}T10:00:00Z`).getTime() + 2 * DAY), 'Los Angeles');

  // The late credit pays part of a new booking (§6.6): the order shows creditAppliedMinor and payableMinor.
  await book(l3, 0, true);

  const cancelled = await book(l1, 0);
  await orders.cancel({ keyId: 'demo-seed', role: 'buyer', subjectId: l1 }, cancelled.id, 'Ordered twice by mistake');

  const lost = await book(l3, 10);
  await post(lost.id, 'picked_up', new Date(lost.bookedAt.getTime() + 20 * HOUR), 'Shenzhen');
  await post(lost.id, 'lost', new Date(lost.bookedAt.getTime() + 4 * DAY), 'Los Angeles hub');
  // The loss claimed and approved: a spendable credit of USD 500 for the L3 buyer's next booking.
  const claims = get(ClaimsService);
  const claim = await claims.file({ keyId: 'demo-seed', role: 'buyer', subjectId: l3 }, lost.id, {
    type: 'lost',
    description: 'Three cartons of hoodies never arrived',
    askedMinor: 50_000,
  });
  await claims.review(claim.id, { decision: 'approved', approvedMinor: 50_000 });

  // A provider with points: a serious violation (6 points: a warning and a 7-day ranking demotion).
  await get(ComplianceService).recordByAdmin(demoProviderId(2), {
    code: 'serious_price_manipulation',
    note: 'Demo: listed prices raised after booking',
  });
}
