import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One Idempotency-Key of one API key: the request it stood for and, once done, the response. */
@Entity('idempotency_keys')
export class IdempotencyRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  apiKeyId: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'varchar', length: 16 })
  state: 'in_progress' | 'completed';

  @Column({ type: 'smallint', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lockedAt: Date;
}
