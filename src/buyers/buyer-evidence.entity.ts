import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceStatus, EvidenceType } from './tier-evaluation';

/** One piece of evidence (§3.1). Reviewed once: pending → verified | rejected. */
@Entity('buyer_evidence')
export class BuyerEvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  buyerId: string;

  @Column({ type: 'varchar', length: 32 })
  type: EvidenceType;

  @Column({ type: 'jsonb' })
  value: unknown;

  @Column({ type: 'varchar', length: 500 })
  documentRef: string;

  @Column({ type: 'varchar', length: 16 })
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
