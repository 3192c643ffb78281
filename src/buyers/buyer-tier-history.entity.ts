import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TierPolicyEntity } from './tier-policy.entity';
import { BuyerEntity } from './buyer.entity';
import { bigintToNumber } from '../database/transformers';
import type { TierCode } from './tier-policy';

export const TIER_CHANGE_REASONS = [
  'registered',
  'evidence_submitted',
  'evidence_verified',
  'evidence_rejected',
  'evidence_expired',
  'business_age',
  'policy_changed',
  'order_delivered',
] as const;
export type TierChangeReason = (typeof TIER_CHANGE_REASONS)[number];

/** One tier change (§3.3), written in the transaction that changed the tier. */
@Index('buyer_tier_history_buyer', ['buyerId', 'seq'])
@Check('buyer_tier_history_from_tier_check', `from_tier IN ('L0', 'L1', 'L2', 'L3', 'L4')`)
@Check('buyer_tier_history_to_tier_check', `to_tier IN ('L0', 'L1', 'L2', 'L3', 'L4')`)
@Check('buyer_tier_history_check', `from_tier IS DISTINCT FROM to_tier`)
@Entity('buyer_tier_history')
export class BuyerTierHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Recording order (identity column). */
  @Column({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    insert: false,
    update: false,
    select: true,
    transformer: bigintToNumber,
  })
  seq: number;

  @ForeignKey(() => BuyerEntity, { name: 'buyer_tier_history_buyer_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  buyerId: string;

  @Column({ type: 'varchar', length: 2, nullable: true })
  fromTier: TierCode | null;

  @Column({ type: 'varchar', length: 2 })
  toTier: TierCode;

  @Column({ type: 'varchar', length: 40 })
  reason: TierChangeReason;

  @Column({ type: 'varchar', length: 1000 })
  detail: string;

  @ForeignKey(() => TierPolicyEntity, { name: 'buyer_tier_history_policy_version_fkey' })
  @Column({ type: 'integer' })
  policyVersion: number;

  @Column({ type: 'uuid', nullable: true })
  evidenceId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
