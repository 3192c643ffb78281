import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { returnedRows } from '../../database/sql';
import { Clock } from '../clock';
import { BusinessRuleError, ConflictError } from '../errors/domain-error';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type Claim = { kind: 'execute' } | { kind: 'replay'; response: StoredResponse };

/** A key whose request has not finished after this long is taken to be abandoned (its process died). */
const ABANDONED_AFTER_MS = 60_000;
/** How long a second request waits for the first one with the same key before answering 409. */
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 20;
/** Keys are kept at least 24 h (SPEC §1); the cleanup job removes them after 48 h. */
export const RETENTION_HOURS = 48;


/**
 * The Idempotency-Key mechanism of SPEC §1, scoped to the calling API key. The database decides
 * who runs: the INSERT … ON CONFLICT DO NOTHING of one request wins, every other request with the
 * same key sees the row and either replays the stored response, waits for the running one, or is
 * refused (different body → 422 `idempotency_key_reused`, still running → 409 `idempotency_key_in_use`).
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Hourly (when SCHEDULER_ENABLED): forget keys past their retention. */
  @Interval('idempotency-purge', 60 * 60 * 1000)
  async purgeJob(): Promise<void> {
    await this.purgeExpired(this.clock.now()).catch((error: Error) => this.logger.warn(`purge failed: ${error.message}`));
  }

  async claim(apiKeyId: string, key: string, hash: string): Promise<Claim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys (api_key_id, key, request_hash, state, locked_at)
         VALUES ($1, $2, $3, 'in_progress', now())
         ON CONFLICT (api_key_id, key) DO NOTHING RETURNING 1`,
        [apiKeyId, key, hash],
      );
      if (inserted.length === 1) return { kind: 'execute' };

      const [row] = (await this.dataSource.query(
        `SELECT request_hash, state, response_status, response_body, locked_at
           FROM idempotency_keys WHERE api_key_id = $1 AND key = $2`,
        [apiKeyId, key],
      )) as { request_hash: string; state: string; response_status: number; response_body: unknown; locked_at: Date }[];
      if (!row) continue; // released between our insert and select: try again
      if (row.request_hash !== hash) {
        throw new BusinessRuleError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request.');
      }
      if (row.state === 'completed') return { kind: 'replay', response: { status: row.response_status, body: row.response_body } };
      if (await this.takeOverAbandoned(apiKeyId, key)) return { kind: 'execute' };
      if (Date.now() >= deadline) {
        throw new ConflictError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry later.');
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async complete(apiKeyId: string, key: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4
        WHERE api_key_id = $1 AND key = $2`,
      [apiKeyId, key, response.status, JSON.stringify(response.body ?? null)],
    );
  }

  /** Forget the key (the request was refused before it did anything), so the client may retry. */
  async release(apiKeyId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE api_key_id = $1 AND key = $2 AND state = 'in_progress'`, [apiKeyId, key]);
  }

  async purgeExpired(now: Date): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - make_interval(hours => $2)`,
      [now.toISOString(), RETENTION_HOURS],
    );
    return result[1] ?? 0;
  }

  private async takeOverAbandoned(apiKeyId: string, key: string): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE idempotency_keys SET locked_at = now()
        WHERE api_key_id = $1 AND key = $2 AND state = 'in_progress'
          AND locked_at < now() - make_interval(secs => $3) RETURNING 1`,
      [apiKeyId, key, ABANDONED_AFTER_MS / 1000],
    );
    return returnedRows(result).length > 0;
  }
}
