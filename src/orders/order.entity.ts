import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { bigintToNumber } from '../database/transformers';
import type { PartyDto } from './dto/order.dto';
import type { OrderStatus } from './order-lifecycle';

/**
 * A booked order (SPEC §6): the locked total, dates and tier of its quote option, and the instants of
 * its lifecycle. One per quote (`orders_quote_id_key`). Constraint and index names are the ones the
 * migrations gave them, so `migration:generate` finds nothing to change.
 */
@Entity('orders')
@Unique('orders_quote_id_key', ['quoteId'])
@Check('orders_status_check', `status IN ('booked', 'picked_up', 'in_transit', 'delivered', 'cancelled', 'lost')`)
@Check('orders_total_minor_check', 'total_minor >= 0')
@Check('orders_currency_check', `currency = 'USD'`)
@Check('orders_declared_value_minor_check', 'declared_value_minor >= 0')
@Check('orders_cancelled_by_check', `cancelled_by IN ('buyer', 'provider', 'admin')`)
@Check('orders_credit_applied_range', 'credit_applied_minor >= 0 AND credit_applied_minor <= total_minor')
@Index('orders_buyer', ['buyerId', 'bookedAt', 'id'])
@Index('orders_provider', ['providerId', 'bookedAt', 'id'])
@Index('orders_all', ['bookedAt', 'id'])
@Index('orders_buyer_delivered', ['buyerId', 'deliveredAt'], { where: `status = 'delivered'` })
@Index('orders_provider_delivered', ['providerId', 'deliveredAt'], { where: `status = 'delivered'` })
@Index('orders_pickup_unassessed', ['pickupBy'], { where: `pickup_assessed_at IS NULL AND status <> 'cancelled'` })
export class OrderEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('quotes', { name: 'orders_quote_id_fkey' })
  quoteId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('quote_options', { name: 'orders_quote_option_id_fkey' })
  quoteOptionId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('buyers', { name: 'orders_buyer_id_fkey' })
  buyerId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('providers', { name: 'orders_provider_id_fkey' })
  providerId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('lanes', { name: 'orders_lane_id_fkey' })
  laneId: string;

  @Column({ type: 'varchar', length: 12 })
  status: OrderStatus;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  totalMinor: number;

  /** What credits paid of the total (§6.6), set from the redemptions the database accepted. */
  @Column({ type: 'bigint', default: 0, transformer: bigintToNumber })
  creditAppliedMinor: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  declaredValueMinor: number;

  /** `YYYY-MM-DD` (UTC), as the API shows it. */
  @Column({ type: 'date' })
  pickupBy: string;

  @Column({ type: 'date' })
  guaranteedBy: string;

  @Column({ type: 'varchar', length: 2 })
  tierAtBooking: string;

  @Column({ type: 'boolean' })
  automaticCompensation: boolean;

  @Column({ type: 'jsonb' })
  shipper: PartyDto;

  @Column({ type: 'jsonb' })
  consignee: PartyDto;

  @Column({ type: 'timestamptz' })
  bookedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  pickedUpAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lostAt: Date | null;

  @Column({ type: 'boolean', nullable: true })
  onTime: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  cancelledBy: 'buyer' | 'provider' | 'admin' | null;

  /** The latest event's occurredAt: the optimistic-concurrency guard of a tracking event. */
  @Column({ type: 'timestamptz' })
  lastEventAt: Date;

  @Column({ type: 'date', nullable: true })
  remedyPickupBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  remedySubmittedAt: Date | null;

  /** Set once by the pickup-obligation sweep when it claims the order (§6.5). */
  @Column({ type: 'timestamptz', nullable: true })
  pickupAssessedAt: Date | null;
}
