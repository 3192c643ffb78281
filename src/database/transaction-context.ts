import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';

interface Ambient {
  manager: EntityManager;
  open: boolean;
  /** Work to do once this transaction has committed (never when it rolls back). */
  committed: (() => void)[];
  /** Work to do last inside the transaction, once per key, just before it commits. */
  beforeCommit: Map<string, (manager: EntityManager) => Promise<void>>;
}

/** One store for the process, whatever the number of TransactionContext instances. */
const storage = new AsyncLocalStorage<Ambient>();
const afterCommitLogger = new Logger('TransactionContext');

/**
 * The unit of work: `run(fn)` runs `fn` in a transaction, or in the one already open in this async
 * context (so a service called inside the idempotent request's transaction writes in it, and one
 * called on its own gets its own). Repositories take `manager`: the ambient transaction's, else the
 * pool's. On the embedded database a query outside the open transaction would wait for it to end,
 * so work inside `run` must use `manager`, never the DataSource.
 */
@Injectable()
export class TransactionContext {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    const ambient = storage.getStore();
    return ambient?.open ? ambient.manager : this.dataSource.manager;
  }

  /** An entity's TypeORM metadata (its columns and transformers), for repositories that write their own SQL. */
  metadata(target: EntityTarget<ObjectLiteral>): EntityMetadata {
    return this.dataSource.getMetadata(target);
  }

  async run<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const ambient = storage.getStore();
    if (ambient?.open) return fn(ambient.manager);
    const own: Ambient = { manager: this.dataSource.manager, open: false, committed: [], beforeCommit: new Map() };
    const result = await this.dataSource.transaction((manager) => {
      own.manager = manager;
      own.open = true;
      // Work scheduled from inside (timers, unawaited promises) that outlives the transaction must
      // not use its released connection: after the end, `manager` is the pool's again.
      return storage
        .run(own, async () => {
          const value = await fn(manager);
          for (const work of own.beforeCommit.values()) await work(manager);
          return value;
        })
        .finally(() => (own.open = false));
    });
    for (const work of own.committed) runCommitted(work);
    return result;
  }

  /**
   * Registers work to run last inside the ambient transaction, just before its commit, once per
   * `key` however often it is registered (outside a transaction: at once). For a write every kind of
   * change ends with, such as the market version's one row: taken last, its lock is never held while
   * the transaction waits for another lock, so two transactions cannot deadlock over it, and a
   * transaction that changes several providers bumps it once.
   */
  async beforeCommit(key: string, work: (manager: EntityManager) => Promise<void>): Promise<void> {
    const ambient = storage.getStore();
    if (ambient?.open) ambient.beforeCommit.set(key, work);
    else await work(this.dataSource.manager);
  }

  /**
   * Registers work that must only happen once the ambient transaction has committed (a cache
   * invalidation, a wake-up of a worker): it runs after the commit, in registration order, and
   * never after a rollback. Outside a transaction there is nothing to wait for: it runs at once.
   * The work is synchronous and must not throw; an error it throws is logged, not raised, because
   * the commit it follows cannot be undone.
   */
  afterCommit(work: () => void): void {
    const ambient = storage.getStore();
    if (ambient?.open) ambient.committed.push(work);
    else runCommitted(work);
  }
}

function runCommitted(work: () => void): void {
  try {
    work();
  } catch (error) {
    afterCommitLogger.error({ msg: 'after-commit work failed', err: error });
  }
}
