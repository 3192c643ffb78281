import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionContext } from '../../database/transaction-context';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { AdvisoryLocks } from '../../database/advisory-lock';
import { Clock } from '../clock';
import { InvalidInputError, NotFoundError } from '../errors/domain-error';
import { asOfTooFarAhead, MAX_AS_OF_AHEAD_MS } from './as-of';

export interface SweepResult {
  /** The sweep's name, e.g. `tier-expiry`. */
  sweep: string;
  asOf: Date;
  /** False when another instance was running the same sweep: nothing was done here. */
  ran: boolean;
  /** How many records the sweep looked at and changed, and any sweep-specific figures. */
  examined: number;
  changed: number;
  details?: Record<string, unknown>;
}

export type SweepWork = Pick<SweepResult, 'examined' | 'changed' | 'details'>;

/** What a sweep's work is given: each batch commits on its own, so a sweep that dies halfway keeps what it did. */
export interface SweepRun {
  asOf: Date;
  /** Runs `fn` in a transaction of its own, after checking that the sweep still holds its lock. */
  batch<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T>;
}

/** Records handled per batch transaction, so no sweep holds locks on more than this many at once. */
export const SWEEP_BATCH_SIZE = 500;

export interface SweepDefinition {
  /** The work, while this instance holds the sweep's advisory lock; it commits batch by batch. */
  run(sweep: SweepRun): Promise<SweepWork>;
  /**
   * After the run, when it ran (e.g. drop this instance's caches): `changed` is true when something
   * may have changed — always after a failure, whose committed batches are not counted.
   */
  afterRun?(changed: boolean): void;
}

/**
 * The sweeps the operators can run now (`POST /v1/admin/sweeps/{name}`) and that run on a schedule.
 * Each domain module registers its own in `onModuleInit`, so the common module depends on none.
 * Every run holds a session-level advisory lock named after the sweep, so several server instances
 * never run the same sweep at once (the others answer `ran: false`); this instance's own runs are
 * kept apart in memory too, since the embedded database has one session for every connection.
 */
@Injectable()
export class SweepsRegistry {
  private readonly logger = new Logger('Sweeps');
  private readonly definitions = new Map<string, SweepDefinition>();
  private readonly running = new Set<string>();

  constructor(
    private readonly locks: AdvisoryLocks,
    private readonly tx: TransactionContext,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(name: string, definition: SweepDefinition): void {
    if (this.definitions.has(name)) throw new Error(`sweep ${name} registered twice`);
    this.definitions.set(name, definition);
  }

  has(name: string): boolean {
    return this.definitions.has(name);
  }

  /** An operator's run (`POST /v1/admin/sweeps/{name}`): as of now, or of an instant not too far ahead. */
  async runRequested(name: string, asOf: Date | undefined): Promise<SweepResult> {
    if (!this.has(name)) throw new NotFoundError(`Sweep "${name}"`);
    const now = this.clock.now();
    if (asOf && asOfTooFarAhead(asOf, now, this.config.sweepsAllowFutureAsOf)) {
      throw new InvalidInputError(
        `asOf may be at most ${MAX_AS_OF_AHEAD_MS / 60_000} minutes ahead of the server's clock (${now.toISOString()}): a sweep's changes are final.`,
        [{ field: 'asOf', message: `must not be later than ${new Date(now.getTime() + MAX_AS_OF_AHEAD_MS).toISOString()}` }],
        'as_of_in_future',
      );
    }
    return this.run(name, asOf ?? now);
  }

  async run(name: string, asOf: Date): Promise<SweepResult> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`no sweep ${name}`);
    if (this.running.has(name)) return { sweep: name, asOf, ran: false, examined: 0, changed: 0 };
    this.running.add(name);
    try {
      const outcome = await this.locks.run(`sweep:${name}`, (stillHeld) =>
        definition.run({ asOf, batch: async (fn) => (await stillHeld(), this.tx.run(fn)) }).catch((error: unknown) => {
          definition.afterRun?.(true);
          throw error;
        }),
      );
      if (!outcome.ran) return { sweep: name, asOf, ran: false, examined: 0, changed: 0 };
      const { examined, changed } = outcome.result;
      definition.afterRun?.(changed > 0);
      // A run that changed something is worth an info line; the every-minute no-ops are debug.
      this.logger[changed > 0 ? 'log' : 'debug']({
        msg: `sweep ${name}: examined ${examined}, changed ${changed}`,
        sweep: name,
        asOf,
        examined,
        changed,
      });
      return { sweep: name, asOf, ran: true, ...outcome.result };
    } finally {
      this.running.delete(name);
    }
  }

  /** For the schedulers: runs as of now; a failure is logged, never thrown into the timer. */
  async runScheduled(name: string): Promise<void> {
    try {
      await this.run(name, this.clock.now());
    } catch (error) {
      this.logger.error(`${name} failed: ${(error as Error).message}`);
    }
  }
}
