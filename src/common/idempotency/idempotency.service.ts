import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { TransactionContext } from '../../database/transaction-context';
import { Clock } from '../clock';
import { BusinessRuleError, ConflictError } from '../errors/domain-error';
import { IdempotencyRepository } from './idempotency.repository';

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
    private readonly repo: IdempotencyRepository,
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
      await this.repo.beginWork(m);
      let outcome: Outcome;
      try {
        outcome = { kind: 'ran', response: await work() };
      } catch (error) {
        const kept = keep(error);
        if (!kept) throw error;
        await this.repo.undoWork(m);
        outcome = { kind: 'ran', response: kept, refusal: error };
      }
      await this.repo.saveResponse(m, scope.apiKeyId, scope.key, outcome.response);
      return outcome;
    });
  }

  purgeExpired(now: Date): Promise<number> {
    return this.repo.purge(now, RETENTION_HOURS);
  }

  /**
   * Inserts the key (null: this request runs) or answers the committed response of the request that
   * holds it. The INSERT waits while another transaction holds an uncommitted row with this key.
   */
  private async claim(m: EntityManager, { apiKeyId, key, hash }: IdempotencyScope): Promise<StoredResponse | null> {
    // A row purged between the INSERT and the SELECT leaves nothing to read: insert again.
    for (let tries = 0; tries < 3; tries++) {
      const claimed = await this.repo.insert(m, { apiKeyId, key, hash }, this.config.idempotencyWaitMs);
      if (claimed === 'busy') throw inUse();
      if (claimed === 'inserted') return null;
      const row = await this.repo.find(m, apiKeyId, key);
      if (!row) continue;
      if (row.requestHash !== hash) {
        throw new BusinessRuleError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request.');
      }
      return { status: row.responseStatus, body: row.responseBody };
    }
    throw inUse();
  }
}

/** The key's row stayed locked longer than the bound: the first request is still running. */
function inUse(): ConflictError {
  return new ConflictError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry later.');
}
