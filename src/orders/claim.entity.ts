import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { bigintToNumber } from '../database/transformers';
import type { ClaimType } from './dto/claim.dto';

export type ClaimStatus = 'pending' | 'approved' | 'rejected';

/** A claim on an order (SPEC §6.3, §6.4): one of each type per order (`claims_order_id_type_key`). */
@Entity('claims')
@Unique('claims_order_id_type_key', ['orderId', 'type'])
@Check('claims_type_check', `type IN ('late_delivery', 'damaged', 'lost')`)
@Check('claims_status_check', `status IN ('pending', 'approved', 'rejected')`)
@Check('claims_asked_minor_check', 'asked_minor >= 0')
@Check('claims_approved_minor_check', 'approved_minor >= 0')
export class ClaimEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('orders', { name: 'claims_order_id_fkey' })
  orderId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('buyers', { name: 'claims_buyer_id_fkey' })
  buyerId: string;

  @Column({ type: 'varchar', length: 16 })
  type: ClaimType;

  @Column({ type: 'varchar', length: 10 })
  status: ClaimStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintToNumber })
  askedMinor: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintToNumber })
  approvedMinor: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;
}
