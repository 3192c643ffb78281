import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { QuoteDto } from './dto/quote.dto';

/** A quote as answered (SPEC §5): the request, the tier it was priced for and the `unavailable` reasons. */
@Entity('quotes')
@Check('quotes_tier_check', `tier IN ('L0', 'L1', 'L2', 'L3', 'L4')`)
@Check('quotes_check', 'expires_at > created_at')
@Index('quotes_buyer_created', ['buyerId', 'createdAt'])
export class QuoteEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('buyers', { name: 'quotes_buyer_id_fkey' })
  buyerId: string;

  @Column({ type: 'varchar', length: 2 })
  tier: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'jsonb' })
  request: QuoteDto['request'];

  @Column({ type: 'jsonb' })
  unavailable: QuoteDto['unavailable'];
}
