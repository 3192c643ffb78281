import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TierPolicyEntity } from './tier-policy.entity';
import type { TierCode } from './tier-policy';
import type { BasisItem, NextTier } from './tier-evaluation';

/**
 * A registered buyer with its current tier and the snapshot of the evaluation that gave it, so
 * reading the tier (and listing by tier) is one indexed read. Only BuyerTierService writes the
 * tier columns, always from `evaluate()`.
 */
@Index('buyers_created', ['createdAt', 'id'])
@Index('buyers_tier_created', ['tier', 'createdAt', 'id'])
@Index('buyers_reevaluate_at', ['reevaluateAt'], { where: 'reevaluate_at IS NOT NULL' })
@Index('buyers_policy_version', ['policyVersion'])
@Check('buyers_country_check', `country ~ '^[A-Z]{2}$'`)
@Check('buyers_tier_check', `tier IN ('L0', 'L1', 'L2', 'L3', 'L4')`)
@Entity('buyers')
export class BuyerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  companyName: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'varchar', length: 2, default: 'L0' })
  tier: TierCode;

  @ForeignKey(() => TierPolicyEntity, { name: 'buyers_policy_version_fkey' })
  @Column({ type: 'integer' })
  policyVersion: number;

  @Column({ type: 'timestamptz' })
  evaluatedAt: Date;

  /** First evidence-expiry instant that would lower the tier (§3.3); null when none would. */
  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  /** When the snapshot goes stale (first expiry of counted evidence, or a birthday raising the age); swept. */
  @Column({ type: 'timestamptz', nullable: true })
  reevaluateAt: Date | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  tierBasis: BasisItem[];

  @Column({ type: 'jsonb', nullable: true })
  tierNext: NextTier | null;

  @Column({ type: 'timestamptz', insert: false, update: false, default: () => "date_trunc('milliseconds', now())" })
  createdAt: Date;
}
