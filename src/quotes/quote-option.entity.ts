import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { bigintToNumber } from '../database/transformers';
import type { QuoteOptionDto } from './dto/quote.dto';

/**
 * One priced option of a quote, its price locked until `expiresAt`. `snapshot` is the option exactly
 * as answered and is never updated; the other columns are what booking reads.
 */
@Entity('quote_options')
@Unique('quote_options_quote_id_rank_key', ['quoteId', 'rank'])
@Check('quote_options_rank_check', 'rank BETWEEN 1 AND 20')
@Check('quote_options_mode_check', `mode IN ('express', 'air', 'sea_lcl')`)
@Check('quote_options_total_minor_check', 'total_minor >= 0')
@Check('quote_options_currency_check', `currency = 'USD'`)
@Check('quote_options_check', 'guaranteed_by >= pickup_by')
export class QuoteOptionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('quotes', { name: 'quote_options_quote_id_fkey', onDelete: 'CASCADE' })
  quoteId: string;

  @Column({ type: 'smallint' })
  rank: number;

  @Column({ type: 'uuid' })
  @ForeignKey('providers', { name: 'quote_options_provider_id_fkey' })
  providerId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('lanes', { name: 'quote_options_lane_id_fkey' })
  laneId: string;

  @Column({ type: 'varchar', length: 8 })
  mode: string;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  totalMinor: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'date' })
  pickupBy: string;

  @Column({ type: 'date' })
  guaranteedBy: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'jsonb' })
  snapshot: QuoteOptionDto;
}
