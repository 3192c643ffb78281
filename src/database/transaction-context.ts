import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

interface Ambient {
  manager: EntityManager;
  open: boolean;
}

/** One store for the process, whatever the number of TransactionContext instances. */
const storage = new AsyncLocalStorage<Ambient>();

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

  run<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const ambient = storage.getStore();
    if (ambient?.open) return fn(ambient.manager);
    return this.dataSource.transaction((manager) => {
      const own: Ambient = { manager, open: true };
      // Work scheduled from inside (timers, unawaited promises) that outlives the transaction must
      // not use its released connection: after the end, `manager` is the pool's again.
      return storage.run(own, () => fn(manager)).finally(() => (own.open = false));
    });
  }
}
