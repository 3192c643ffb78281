import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../database/transformers';

export type CreditReason = 'late_delivery' | 'damaged' | 'lost';

/**
 * A buyer's credit (SPEC §6.3, §6.6): `amountMinor` as issued, `remainingMinor` what is left to spend
 * (the CHECK keeps 0 ≤ remaining ≤ amount). One late-delivery credit per order and one per claim
 * (partial unique indexes), so "once" holds under any race.
 */
@Entity('credits')
@Check('credits_amount_minor_check', 'amount_minor > 0')
@Check('credits_reason_check', `reason IN ('late_delivery', 'damaged', 'lost')`)
@Check('credits_remaining_range', 'remaining_minor >= 0 AND remaining_minor <= amount_minor')
@Index('credits_late_once', ['orderId'], { unique: true, where: `reason = 'late_delivery'` })
@Index('credits_claim_once', ['claimId'], { unique: true, where: 'claim_id IS NOT NULL' })
@Index('credits_buyer', ['buyerId', 'issuedAt', 'id'])
@Index('credits_spendable', ['buyerId', 'expiresAt', 'issuedAt', 'id'], { where: 'remaining_minor > 0' })
export class CreditEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('buyers', { name: 'credits_buyer_id_fkey' })
  buyerId: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('orders', { name: 'credits_order_id_fkey' })
  orderId: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('claims', { name: 'credits_claim_id_fkey' })
  claimId: string | null;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  amountMinor: number;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  remainingMinor: number;

  @Column({ type: 'char', length: 3, default: 'USD' })
  currency: string;

  @Column({ type: 'varchar', length: 16 })
  reason: CreditReason;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
