import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a timeline entry records: the lifecycle's events plus a remedy (§6.5) and a credit payment (§6.6). */
export type OrderEventType = 'booked' | 'picked_up' | 'in_transit' | 'delivered' | 'lost' | 'cancelled' | 'remedy' | 'credits_applied';

/** One entry of an order's timeline, in insertion order (`id`). */
@Entity('order_events')
@Check(
  'order_events_type_check',
  `type IN ('booked', 'picked_up', 'in_transit', 'delivered', 'lost', 'cancelled', 'remedy', 'credits_applied')`,
)
@Index('order_events_order', ['orderId', 'id'])
export class OrderEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('orders', { name: 'order_events_order_id_fkey' })
  orderId: string;

  @Column({ type: 'varchar', length: 16 })
  type: OrderEventType;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'varchar', length: 8 })
  recordedBy: string;
}
