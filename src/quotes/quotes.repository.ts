import { Injectable } from '@nestjs/common';
import { prepared } from '../database/sql';
import { TransactionContext } from '../database/transaction-context';
import { toDate, toNumber } from '../database/transformers';
import type { QuoteDto, QuoteOptionDto } from './dto/quote.dto';
import { QuoteEntity } from './quote.entity';
import { QuotedOptions, type QuotedOption } from './quoted-options';

/**
 * The quotes aggregate: quotes and their options. A quote and its options are written in ONE
 * statement (one round trip); reads are QueryBuilder on the entities, except booking's hot read.
 */
@Injectable()
export class QuotesRepository extends QuotedOptions {
  constructor(private readonly tx: TransactionContext) {
    super();
  }

  async insert(quote: QuoteDto): Promise<void> {
    await this.tx.manager.query(
      prepared(`WITH quote AS (
         INSERT INTO quotes (id, buyer_id, tier, created_at, expires_at, request, unavailable)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
       )
       INSERT INTO quote_options (id, quote_id, rank, provider_id, lane_id, mode, total_minor, currency,
                                  pickup_by, guaranteed_by, expires_at, snapshot)
       SELECT (o->>'id')::uuid, $1, t.rank, (o->>'providerId')::uuid, (o->>'laneId')::uuid, o->>'mode',
              (o->>'totalMinor')::bigint, o->>'currency', (o->>'pickupBy')::date, (o->>'guaranteedBy')::date, $5, o
         FROM jsonb_array_elements($8::jsonb) WITH ORDINALITY AS t(o, rank)`),
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

  /**
   * QuotedOptions: the option with its quote's buyer and request, for booking. Parameterised SQL (the
   * booking's hot read, SPEC §6.1): dates as their ISO text, money as a number.
   */
  async forBooking(optionId: string): Promise<QuotedOption | null> {
    const rows = (await this.tx.manager.query(
      prepared(`SELECT o.id, o.quote_id, o.provider_id, o.lane_id, o.total_minor, o.currency, o.pickup_by::text AS pickup_by,
              o.guaranteed_by::text AS guaranteed_by, o.expires_at, q.buyer_id, q.request
         FROM quote_options o JOIN quotes q ON q.id = o.quote_id
        WHERE o.id = $1`),
      [optionId],
    )) as BookingRow[];
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      quoteId: row.quote_id,
      buyerId: row.buyer_id,
      providerId: row.provider_id,
      laneId: row.lane_id,
      totalMinor: toNumber(row.total_minor),
      currency: row.currency,
      pickupBy: row.pickup_by,
      guaranteedBy: row.guaranteed_by,
      expiresAt: toDate(row.expires_at)!,
      destination: row.request.destination,
      declaredValueMinor: row.request.declaredValue.amountMinor,
    };
  }
}

interface BookingRow {
  id: string;
  quote_id: string;
  provider_id: string;
  lane_id: string;
  total_minor: string;
  currency: string;
  pickup_by: string;
  guaranteed_by: string;
  expires_at: Date;
  buyer_id: string;
  request: QuoteDto['request'];
}
