import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ApiKeyEntity } from '../auth/api-key.entity';

/**
 * One Idempotency-Key of one API key: the request it stood for and its response. The row is inserted
 * and completed in the request's own transaction, so a committed row always has its response.
 */
@Index('idempotency_keys_created_at', ['createdAt'])
@Entity('idempotency_keys')
export class IdempotencyRecordEntity {
  @ForeignKey(() => ApiKeyEntity, { name: 'idempotency_keys_api_key_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid' })
  apiKeyId: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ type: 'char', length: 64 })
  requestHash: string;

  /** Null only inside the request's transaction, before its response is known. */
  @Column({ type: 'smallint', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
