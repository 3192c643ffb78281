import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { prepared } from '../../database/sql';
import { TransactionContext } from '../../database/transaction-context';
import { IdempotencyRecordEntity } from './idempotency-record.entity';

const LOCK_NOT_AVAILABLE = '55P03';

export interface KeyRow {
  requestHash: string;
  responseStatus: number;
  responseBody: unknown;
}

/**
 * The SQL of `idempotency_keys`. Every method but `purge` runs in the key's transaction (`manager`):
 * the row, the business writes and the response commit together.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Inserts the key: 'inserted' (this request runs), 'exists' (read it), or 'busy' when another
   * transaction held an uncommitted row with this key for longer than `waitMs`. The bound is set
   * (for this transaction) as the row to insert is produced, before the insert can wait: one round trip.
   */
  async insert(
    m: EntityManager,
    scope: { apiKeyId: string; key: string; hash: string },
    waitMs: number,
  ): Promise<'inserted' | 'exists' | 'busy'> {
    try {
      const rows = (await m.query(
        prepared(`INSERT INTO idempotency_keys (api_key_id, key, request_hash)
         SELECT $1, $2, $3 FROM (SELECT set_config('lock_timeout', $4, true)) AS bound
         ON CONFLICT (api_key_id, key) DO NOTHING RETURNING 1`),
        [scope.apiKeyId, scope.key, scope.hash, `${waitMs}ms`],
      )) as unknown[];
      return rows.length === 1 ? 'inserted' : 'exists';
    } catch (error) {
      const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
      if (code === LOCK_NOT_AVAILABLE) return 'busy';
      throw error;
    }
  }

  async find(m: EntityManager, apiKeyId: string, key: string): Promise<KeyRow | null> {
    const row = await m.findOne(IdempotencyRecordEntity, {
      where: { apiKeyId, key },
      select: { requestHash: true, responseStatus: true, responseBody: true },
    });
    return row ? { requestHash: row.requestHash, responseStatus: row.responseStatus!, responseBody: row.responseBody } : null;
  }

  /** Before the work: the normal lock timeout again, and a savepoint a kept refusal rolls back to. */
  async beginWork(m: EntityManager): Promise<void> {
    await m.query('SET LOCAL lock_timeout TO DEFAULT; SAVEPOINT idempotent_work');
  }

  async undoWork(m: EntityManager): Promise<void> {
    await m.query('ROLLBACK TO SAVEPOINT idempotent_work');
  }

  async saveResponse(m: EntityManager, apiKeyId: string, key: string, response: { status: number; body: unknown }): Promise<void> {
    await m.query(prepared(`UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE api_key_id = $1 AND key = $2`), [
      apiKeyId,
      key,
      response.status,
      JSON.stringify(response.body ?? null),
    ]);
  }

  /** Deletes the keys older than `hours` before `now`; how many. */
  async purge(now: Date, hours: number): Promise<number> {
    const result: [unknown[], number] = await this.tx.manager.query(
      `DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - make_interval(hours => $2)`,
      [now.toISOString(), hours],
    );
    return result[1] ?? 0;
  }
}
