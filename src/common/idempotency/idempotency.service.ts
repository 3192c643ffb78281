import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { TransactionContext } from '../../database/transaction-context';
import { Clock } from '../clock';
import { BusinessRuleError, ConflictError } from '../errors/domain-error';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotencyScope {
  apiKeyId: string;
  key: string;
  /** requestHash() of method, path and body. */
  hash: string;
}

export type Outcome =
  | { kind: 'replay'; response: StoredResponse }
  /** The work ran and its response is committed; `refusal` is the kept business error it threw. */
  | { kind: 'ran'; response: StoredResponse; refusal?: unknown };

/** Keys are kept at least 24 h (SPEC §1); the cleanup job removes them after 48 h. */
export const RETENTION_HOURS = 48;
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The Idempotency-Key mechanism of SPEC §1, scoped to the calling API key. The key row, the
 * business writes and the stored response are ONE transaction: a second request with the same key
 * blocks on the uncommitted row (at most IDEMPOTENCY_WAIT_MS, then 409 `idempotency_key_in_use`) and
 * then replays the committed response; a request that dies before its commit takes its key with
 * it, so the retry runs afresh. Only committed rows exist, and each has its response.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly tx: TransactionContext,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Hourly (when SCHEDULER_ENABLED): forget keys past their retention. */
  @Interval('idempotency-purge', 60 * 60 * 1000)
  async purgeJob(): Promise<void> {
    await this.purgeExpired(this.clock.now()).catch((error: Error) => this.logger.warn(`purge failed: ${error.message}`));
  }

  /**
   * Replays the stored response of `scope`, or runs `work` in the key's transaction and stores its
   * response. When `work` throws, `keep(error)` says whether that refusal is an outcome to keep (its
   * problem response): then the work's writes are rolled back to a savepoint and the refusal is
   * stored; otherwise everything is rolled back, the key included, and the error propagates.
   */
  once(scope: IdempotencyScope, work: () => Promise<StoredResponse>, keep: (error: unknown) => StoredResponse | null): Promise<Outcome> {
    return this.tx.run(async (m) => {
      const stored = await this.claim(m, scope);
      if (stored) return { kind: 'replay', response: stored };
      await m.query('SET LOCAL lock_timeout TO DEFAULT; SAVEPOINT idempotent_work');
      let outcome: Outcome;
      try {
        outcome = { kind: 'ran', response: await work() };
      } catch (error) {
        const kept = keep(error);
        if (!kept) throw error;
        await m.query('ROLLBACK TO SAVEPOINT idempotent_work');
        outcome = { kind: 'ran', response: kept, refusal: error };
      }
      await m.query(`UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE api_key_id = $1 AND key = $2`, [
        scope.apiKeyId,
        scope.key,
        outcome.response.status,
        JSON.stringify(outcome.response.body ?? null),
      ]);
      return outcome;
    });
  }

  async purgeExpired(now: Date): Promise<number> {
    const result: [unknown[], number] = await this.tx.manager.query(
      `DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - make_interval(hours => $2)`,
      [now.toISOString(), RETENTION_HOURS],
    );
    return result[1] ?? 0;
  }

  /**
   * Inserts the key (null: this request runs) or answers the committed response of the request that
   * holds it. The INSERT waits while another transaction holds an uncommitted row with this key.
   */
  private async claim(m: EntityManager, { apiKeyId, key, hash }: IdempotencyScope): Promise<StoredResponse | null> {
    // A row purged between the INSERT and the SELECT leaves nothing to read: insert again.
    for (let tries = 0; tries < 3; tries++) {
      // The bound is set (for this transaction) as the row to insert is produced, before the insert
      // can wait: one round trip.
      const inserted = (await m
        .query(
          `INSERT INTO idempotency_keys (api_key_id, key, request_hash)
           SELECT $1, $2, $3 FROM (SELECT set_config('lock_timeout', $4, true)) AS bound
           ON CONFLICT (api_key_id, key) DO NOTHING RETURNING 1`,
          [apiKeyId, key, hash, `${this.config.idempotencyWaitMs}ms`],
        )
        .catch(inUse)) as unknown[];
      if (inserted.length === 1) return null;
      const [row] = (await m.query(
        `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE api_key_id = $1 AND key = $2`,
        [apiKeyId, key],
      )) as { request_hash: string; response_status: number; response_body: unknown }[];
      if (!row) continue;
      if (row.request_hash !== hash) {
        throw new BusinessRuleError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request.');
      }
      return { status: row.response_status, body: row.response_body };
    }
    throw inUse(null);
  }
}

/** The key's row stayed locked longer than the bound: the first request is still running. */
function inUse(error: unknown): never {
  const code = (error as { driverError?: { code?: string }; code?: string } | null)?.driverError?.code ?? (error as { code?: string } | null)?.code;
  if (error !== null && code !== LOCK_NOT_AVAILABLE) throw error;
  throw new ConflictError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry later.');
}
