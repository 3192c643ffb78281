import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../database/transformers';

/** What one order took from one credit (SPEC §6.6); `restoredAt` once a cancel gave it back. */
@Entity('credit_redemptions')
@Check('credit_redemptions_amount_minor_check', 'amount_minor > 0')
@Index('credit_redemptions_credit', ['creditId'])
export class CreditRedemptionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'credit_redemptions_pkey' })
  @ForeignKey('orders', { name: 'credit_redemptions_order_id_fkey' })
  orderId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'credit_redemptions_pkey' })
  @ForeignKey('credits', { name: 'credit_redemptions_credit_id_fkey' })
  creditId: string;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  amountMinor: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  restoredAt: Date | null;
}
