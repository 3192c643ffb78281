import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionContext } from '../database/transaction-context';
import { OrderEntity } from './order.entity';

/** A provider's orders delivered in a window: how many, and how many of them on time (SPEC §4.5). */
export interface DeliveryFigures {
  delivered: number;
  onTime: number;
}

/** A buyer's orders delivered in a window: their totals summed, and the oldest delivery (SPEC §3.1). */
export interface DeliveredTotals {
  totalMinor: number;
  oldestDeliveredAt: Date;
}

/**
 * The figures other modules read from orders, so no other module names `orders` in SQL: a
 * provider's deliveries (providers: scorecard, qualification) and a buyer's delivered totals
 * (buyers: platform GMV). Windows are `days` × 24 h before `now`, `now` included. `manager` is the
 * caller's transaction when it holds one the TransactionContext does not know (the embedded database
 * serialises transactions, so another connection would wait); else the ambient one is used.
 */
export abstract class OrderFigures {
  abstract deliveries(
    providerIds: readonly string[],
    now: Date,
    days: number,
    manager?: EntityManager,
  ): Promise<Map<string, DeliveryFigures>>;
  abstract deliveredTotals(
    buyerIds: readonly string[],
    now: Date,
    days: number,
    manager?: EntityManager,
  ): Promise<Map<string, DeliveredTotals>>;
}

@Injectable()
export class OrderFiguresReader extends OrderFigures {
  constructor(private readonly tx: TransactionContext) {
    super();
  }

  async deliveries(
    providerIds: readonly string[],
    now: Date,
    days: number,
    manager?: EntityManager,
  ): Promise<Map<string, DeliveryFigures>> {
    const out = new Map<string, DeliveryFigures>();
    if (providerIds.length === 0) return out;
    const rows = await this.delivered(manager, now, days)
      .select('o.provider_id', 'id')
      .addSelect('count(*)::int', 'delivered')
      .addSelect('count(*) FILTER (WHERE o.on_time)::int', 'on_time')
      .andWhere('o.provider_id = ANY(:ids::uuid[])', { ids: providerIds })
      .groupBy('o.provider_id')
      .getRawMany<{ id: string; delivered: number; on_time: number }>();
    for (const r of rows) out.set(r.id, { delivered: r.delivered, onTime: r.on_time });
    return out;
  }

  async deliveredTotals(
    buyerIds: readonly string[],
    now: Date,
    days: number,
    manager?: EntityManager,
  ): Promise<Map<string, DeliveredTotals>> {
    const out = new Map<string, DeliveredTotals>();
    if (buyerIds.length === 0) return out;
    const rows = await this.delivered(manager, now, days)
      .select('o.buyer_id', 'id')
      .addSelect('sum(o.total_minor)', 'total')
      .addSelect('min(o.delivered_at)', 'oldest')
      .andWhere('o.buyer_id = ANY(:ids::uuid[])', { ids: buyerIds })
      .groupBy('o.buyer_id')
      .getRawMany<{ id: string; total: string; oldest: Date }>();
    for (const r of rows) out.set(r.id, { totalMinor: Number(r.total), oldestDeliveredAt: r.oldest });
    return out;
  }

  /** Delivered orders with delivered_at in (now − days, now] (served by the partial `*_delivered` indexes). */
  private delivered(manager: EntityManager | undefined, now: Date, days: number) {
    return (manager ?? this.tx.manager)
      .createQueryBuilder(OrderEntity, 'o')
      .where(`o.status = 'delivered'`)
      .andWhere('o.delivered_at > :now::timestamptz - make_interval(days => :days) AND o.delivered_at <= :now', { now, days });
  }
}
