import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QuoteDto, QuoteOptionDto } from './dto/quote.dto';

interface QuoteRow {
  id: string;
  buyer_id: string;
  tier: string;
  created_at: Date;
  expires_at: Date;
  request: QuoteDto['request'];
  unavailable: QuoteDto['unavailable'];
  options: QuoteOptionDto[] | null;
}

/** The SQL of quotes. A quote and its options are written in ONE statement (one round trip). */
@Injectable()
export class QuotesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(quote: QuoteDto): Promise<void> {
    await this.dataSource.query(
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

  async find(id: string): Promise<QuoteDto | null> {
    const rows: QuoteRow[] = await this.dataSource.query(
      `SELECT q.id, q.buyer_id, q.tier, q.created_at, q.expires_at, q.request, q.unavailable,
              (SELECT jsonb_agg(o.snapshot ORDER BY o.rank) FROM quote_options o WHERE o.quote_id = q.id) AS options
         FROM quotes q WHERE q.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      buyerId: row.buyer_id,
      tier: row.tier,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      request: row.request,
      options: row.options ?? [],
      unavailable: row.unavailable,
    };
  }
}
