import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { TierPolicy } from './tier-policy';

/** A published tier policy version; never updated, a change is a new row. */
@Check('tier_policies_version_check', 'version > 0')
@Entity('tier_policies')
export class TierPolicyEntity {
  @PrimaryColumn({ type: 'integer' })
  version: number;

  /** The TierPolicy without its version. */
  @Column({ type: 'jsonb' })
  document: Omit<TierPolicy, 'version'>;

  @Column({ type: 'timestamptz', insert: false, update: false, default: () => 'now()' })
  publishedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  publishedBy: string | null;
}
