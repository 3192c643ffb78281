import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { EventEntity } from '../events/event.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/**
 * One delivery attempt of an event to an endpoint (SPEC §11). At most one per (endpoint, event) is
 * pending; a worker leases it (`lockedUntil`) while it sends.
 */
@Entity('webhook_deliveries')
@Check('webhook_deliveries_attempt_check', 'attempt >= 1')
@Check('webhook_deliveries_status_check', `status IN ('pending', 'succeeded', 'failed')`)
@Index('webhook_deliveries_one_pending', ['endpointId', 'eventId'], { unique: true, where: `status = 'pending'` })
@Index('webhook_deliveries_due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('webhook_deliveries_endpoint', ['endpointId', 'createdAt', 'id'])
@Index('webhook_deliveries_event', ['eventId'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @ForeignKey(() => WebhookEndpointEntity, { name: 'webhook_deliveries_endpoint_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  endpointId: string;

  @ForeignKey(() => EventEntity, { name: 'webhook_deliveries_event_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'varchar', length: 40 })
  eventType: string;

  /** 1 for the first attempt. */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'varchar', length: 10 })
  status: DeliveryStatus;

  @Column({ type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'integer', nullable: true })
  durationMs: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  attemptedAt: Date | null;
}
