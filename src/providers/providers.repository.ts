import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionContext } from '../database/transaction-context';
import { ProviderEntity, type StoredCheck } from './provider.entity';
import type { ProviderStatus } from './qualification';

/** What points may change on a provider (SPEC §7): its restriction, its demotion, its termination. */
export interface ProviderSanctions {
  status: ProviderStatus;
  restrictedUntil: Date | null;
  demotedUntil: Date | null;
}

/** The SQL of the `providers` table. `manager` defaults to the ambient transaction's (TransactionContext). */
@Injectable()
export class ProvidersRepository {
  constructor(private readonly tx: TransactionContext) {}

  async insert(input: { legalName: string; country: string }, manager: EntityManager = this.tx.manager): Promise<ProviderEntity> {
    const saved = await manager.save(manager.create(ProviderEntity, input));
    return manager.findOneByOrFail(ProviderEntity, { id: saved.id });
  }

  find(id: string, manager: EntityManager = this.tx.manager): Promise<ProviderEntity | null> {
    return manager.findOneBy(ProviderEntity, { id });
  }

  exists(id: string, manager: EntityManager = this.tx.manager): Promise<boolean> {
    return manager.existsBy(ProviderEntity, { id });
  }

  /** Locks the row: two checks, or two violations, of one provider run one after the other. */
  findForUpdate(id: string, manager: EntityManager = this.tx.manager): Promise<ProviderEntity | null> {
    return manager.findOne(ProviderEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async saveCheck(
    id: string,
    check: { status: ProviderStatus; lastCheck: StoredCheck; checkedAt: Date },
    manager: EntityManager = this.tx.manager,
  ): Promise<void> {
    await manager.update(ProviderEntity, { id }, check);
  }

  /** The providers the daily sweep re-checks: checked once, not terminated (partial index providers_sweep). */
  async checkedIds(manager: EntityManager = this.tx.manager): Promise<string[]> {
    const rows = await manager
      .createQueryBuilder(ProviderEntity, 'p')
      .select('p.id', 'id')
      .where("p.checked_at IS NOT NULL AND p.status <> 'terminated'")
      .orderBy('p.id')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async sanctions(id: string, options: { lock: boolean }, manager: EntityManager = this.tx.manager): Promise<ProviderSanctions | null> {
    const row = await manager.findOne(ProviderEntity, {
      where: { id },
      select: { id: true, status: true, restrictedUntil: true, demotedUntil: true },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? { status: row.status, restrictedUntil: row.restrictedUntil, demotedUntil: row.demotedUntil } : null;
  }

  async saveSanctions(
    id: string,
    s: { restrictedUntil: Date | null; demotedUntil: Date | null; terminate: boolean },
    manager: EntityManager = this.tx.manager,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ProviderEntity)
      .set({
        restrictedUntil: s.restrictedUntil,
        demotedUntil: s.demotedUntil,
        ...(s.terminate ? { status: 'terminated' as const } : {}),
        updatedAt: () => 'now()',
      })
      .where('id = :id', { id })
      .execute();
  }
}
