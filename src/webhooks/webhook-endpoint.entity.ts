import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '../common/auth/principal';

export type EndpointStatus = 'enabled' | 'disabled';

/** A partner's webhook endpoint (SPEC §11). The secret signs; a rotated one keeps signing for 24 h. */
@Entity('webhook_endpoints')
@Check('webhook_endpoints_owner_role_check', `owner_role IN ('admin', 'buyer', 'provider')`)
@Check('webhook_endpoints_status_check', `status IN ('enabled', 'disabled')`)
@Check('webhook_endpoints_check', `(owner_role = 'admin') = (owner_id IS NULL)`)
@Index('webhook_endpoints_owner', ['ownerRole', 'ownerId', 'createdAt'])
export class WebhookEndpointEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Whose events it may receive: its owner's (an admin's: all). */
  @Column({ type: 'varchar', length: 8 })
  ownerRole: Role;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /** Patterns: `*`, `order.*`, `credit.issued`. */
  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 8, default: 'enabled' })
  status: EndpointStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  @Column({ type: 'varchar', length: 64 })
  secret: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  previousSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretUntil: Date | null;

  /** Since when every attempt has failed (null after a success). */
  @Column({ type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
