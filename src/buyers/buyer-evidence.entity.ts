import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BuyerEntity } from './buyer.entity';
import type { EvidenceStatus, EvidenceType } from './tier-evaluation';

/** One piece of evidence (§3.1). Reviewed once: pending → verified | rejected. */
@Index('buyer_evidence_buyer', ['buyerId', 'createdAt', 'id'])
@Index('buyer_evidence_expiry', ['expiresAt'], { where: `status = 'verified'` })
@Check('buyer_evidence_type_check', `type IN ('business_registration', 'annual_procurement_usd', 'annual_revenue_usd', 'employee_count')`)
@Check('buyer_evidence_status_check', `status IN ('pending', 'verified', 'rejected')`)
@Check('buyer_evidence_check', `status <> 'rejected' OR reason IS NOT NULL`)
@Check('buyer_evidence_check1', `(status = 'verified') = (verified_at IS NOT NULL AND expires_at IS NOT NULL)`)
@Check('buyer_evidence_check2', `expires_at IS NULL OR expires_at > verified_at`)
@Entity('buyer_evidence')
export class BuyerEvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => BuyerEntity, { name: 'buyer_evidence_buyer_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  buyerId: string;

  @Column({ type: 'varchar', length: 32 })
  type: EvidenceType;

  @Column({ type: 'jsonb' })
  value: unknown;

  @Column({ type: 'varchar', length: 500 })
  documentRef: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: EvidenceStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  /** The admin API key that reviewed it. */
  @Column({ type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'timestamptz', insert: false, update: false, default: () => "date_trunc('milliseconds', now())" })
  createdAt: Date;
}
