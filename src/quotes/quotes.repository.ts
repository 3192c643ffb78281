import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import type { QuoteDto, QuoteOptionDto } from './dto/quote.dto';
import { QuoteOptionEntity } from './quote-option.entity';
import { QuoteEntity } from './quote.entity';
import { QuotedOptions, type QuotedOption } from './quoted-options';

/**
 * The quotes aggregate: quotes and their options. A quote and its options are written in ONE
 * statement (one round trip); reads are QueryBuilder on the entities.
 */
@Injectable()
export class QuotesRepository extends QuotedOptions {
  constructor(private readonly tx: TransactionContext) {
    super();
  }

  async insert(quote: QuoteDto): Promise<void> {
    await this.tx.manager.query(
      `WITH quote AS (
         INSERT INTO quotes (id, buyer_id, tier, created_at, expires_at, request, unavailable)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
       )
       INSERT INTO quote_options (id, quote_id, rank, provider_id, lane_id, mode, total_minor, currency,
                                  pickup_by, guaranteed_by, expires_at, snapshot)
       SELECT (o->>'id')::uuid, $1, t.rank, (o->>'providerId')::uuid, (o->>'laneId')::uuid, o->>'mode',
              (o->>'totalMinor')::bigint, o->>'currency', (o->>'pickupBy')::date, (o->>'guaranteedBy')::date, $5, o
         FROM jsonb_array_elements($8::jsonb) WITH ORDINALITY AS t(o, rank)`,
      [
        quote.id,
        quote.buyerId,
        quote.tier,
        quote.createdAt,
        quote.expiresAt,
        JSON.stringify(quote.request),
        JSON.stringify(quote.unavailable),
        JSON.stringify(quote.options),
      ],
    );
  }

  /** The quote with its options as answered (their snapshots, in rank order), in one statement. */
  async find(id: string): Promise<QuoteDto | null> {
    const { entities, raw } = await this.tx.manager
      .createQueryBuilder(QuoteEntity, 'q')
      .addSelect('(SELECT jsonb_agg(o.snapshot ORDER BY o.rank) FROM quote_options o WHERE o.quote_id = q.id)', 'options')
      .where('q.id = :id', { id })
      .getRawAndEntities<{ options: QuoteOptionDto[] | null }>();
    const quote = entities[0];
    if (!quote) return null;
    return {
      id: quote.id,
      buyerId: quote.buyerId,
      tier: quote.tier,
      createdAt: quote.createdAt,
      expiresAt: quote.expiresAt,
      request: quote.request,
      options: raw[0]!.options ?? [],
      unavailable: quote.unavailable,
    };
  }

  /** QuotedOptions: the option with its quote's buyer and request, for booking. */
  async forBooking(optionId: string): Promise<QuotedOption | null> {
    const { entities, raw } = await this.tx.manager
      .createQueryBuilder(QuoteOptionEntity, 'o')
      .innerJoin(QuoteEntity, 'q', 'q.id = o.quoteId')
      .addSelect('q.buyer_id', 'buyer_id')
      .addSelect('q.request', 'request')
      .where('o.id = :optionId', { optionId })
      .getRawAndEntities<{ buyer_id: string; request: QuoteDto['request'] }>();
    const option = entities[0];
    if (!option) return null;
    const { buyer_id: buyerId, request } = raw[0]!;
    return {
      id: option.id,
      quoteId: option.quoteId,
      buyerId,
      providerId: option.providerId,
      laneId: option.laneId,
      totalMinor: option.totalMinor,
      currency: option.currency,
      pickupBy: option.pickupBy,
      guaranteedBy: option.guaranteedBy,
      expiresAt: option.expiresAt,
      destination: request.destination,
      declaredValueMinor: request.declaredValue.amountMinor,
    };
  }
}
