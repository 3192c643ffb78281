import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
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
@Entity('buyer_tier_history')
export class BuyerTierHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Recording order (identity column). */
  @Column({ type: 'bigint', insert: false, update: false, select: true, transformer: bigintToNumber })
  seq: number;

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

  @Column({ type: 'integer' })
  policyVersion: number;

  @Column({ type: 'uuid', nullable: true })
  evidenceId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
