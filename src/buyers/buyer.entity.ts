import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TierCode } from './tier-policy';
import type { BasisItem, NextTier } from './tier-evaluation';

/**
 * A registered buyer with its current tier and the snapshot of the evaluation that gave it, so
 * reading the tier (and listing by tier) is one indexed read. Only BuyerTierService writes the
 * tier columns, always from `evaluate()`.
 */
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

  @Column({ type: 'varchar', length: 2 })
  tier: TierCode;

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

  @Column({ type: 'jsonb' })
  tierBasis: BasisItem[];

  @Column({ type: 'jsonb', nullable: true })
  tierNext: NextTier | null;

  @Column({ type: 'timestamptz', insert: false, update: false, default: () => "date_trunc('milliseconds', now())" })
  createdAt: Date;
}
