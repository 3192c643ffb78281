import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One recorded change (SPEC §11), written in the transaction of the change itself. */
@Entity('events')
@Unique('events_seq_key', ['seq'])
@Index('events_buyer', ['buyerId', 'seq'], { where: 'buyer_id IS NOT NULL' })
@Index('events_provider', ['providerId', 'seq'], { where: 'provider_id IS NOT NULL' })
@Index('events_created_at', ['createdAt'])
export class EventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Recording order (identity column): the feed's newest-first order. */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  /** The buyer who may see it (null: none). */
  @Column({ type: 'uuid', nullable: true })
  buyerId: string | null;

  /** The provider who may see it (null: none). */
  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  /** `{ object }`: the resource after the change, in its §10 shape. */
  @Column({ type: 'jsonb' })
  data: { object: unknown };

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
