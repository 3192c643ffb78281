import { randomUUID } from 'node:crypto';
import { TransactionContext } from '../../src/database/transaction-context';
import { createTestApp, type TestApp } from '../support/test-app';

describe('TransactionContext (the unit of work)', () => {
  let t: TestApp;
  let tx: TransactionContext;
  const table = `test_unit_of_work_${randomUUID().slice(0, 8)}`;
  const count = async () => ((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0]!.n;
  beforeAll(async () => {
    t = await createTestApp();
    tx = t.app.get(TransactionContext);
    await t.dataSource.query(`CREATE TABLE ${table} (n int NOT NULL)`);
  });
  afterAll(async () => {
    await t.dataSource.query(`DROP TABLE ${table}`);
    await t.close();
  });

  it('joins the open transaction: a nested run and `manager` write in it, and its failure undoes both', async () => {
    const failing = tx.run(async (outer) => {
      await outer.query(`INSERT INTO ${table} VALUES (1)`);
      await tx.run(async (inner) => {
        expect(inner).toBe(outer);
        await tx.manager.query(`INSERT INTO ${table} VALUES (2)`);
      });
      expect((await tx.manager.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n).toBe(2);
      throw new Error('rolled back');
    });
    await expect(failing).rejects.toThrow('rolled back');
    expect(await count()).toBe(0);

    await tx.run(async () => {
      await tx.run((m) => m.query(`INSERT INTO ${table} VALUES (3)`));
    });
    expect(await count()).toBe(1);
  });

  it('outside a transaction, and after it ended for work it left behind, `manager` is the pool', async () => {
    expect(tx.manager).toBe(t.dataSource.manager);
    let later: Promise<unknown> = Promise.resolve();
    await tx.run(async (m) => {
      expect(tx.manager).toBe(m);
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => tx.manager);
    });
    expect(await later).toBe(t.dataSource.manager);
  });

  it('runs after-commit work once the outermost transaction committed, in order, and never after a rollback', async () => {
    const seen: string[] = [];
    await tx.run(async (m) => {
      tx.afterCommit(() => seen.push(`first:${tx.manager === t.dataSource.manager}`));
      await tx.run(async () => {
        tx.afterCommit(() => seen.push('nested'));
      });
      await m.query(`INSERT INTO ${table} VALUES (4)`);
      expect(seen).toEqual([]);
    });
    // The row is visible to another connection by the time the work runs: the commit came first.
    expect(seen).toEqual(['first:true', 'nested']);

    const failing = tx.run(async () => {
      tx.afterCommit(() => seen.push('rolled back'));
      throw new Error('no commit');
    });
    await expect(failing).rejects.toThrow('no commit');
    expect(seen).toEqual(['first:true', 'nested']);

    tx.afterCommit(() => seen.push('no transaction'));
    expect(seen).toEqual(['first:true', 'nested', 'no transaction']);

    // Work that throws after a commit is logged; the committed run still resolves.
    await expect(
      tx.run(async () =>
        tx.afterCommit(() => {
          throw new Error('late');
        }),
      ),
    ).resolves.toBeUndefined();
  });

  it('runs before-commit work last inside the transaction, once per key, and never for a run that failed first', async () => {
    const order: string[] = [];
    await tx.run(async () => {
      for (const n of [5, 6]) {
        await tx.beforeCommit('bump', async (m) => {
          order.push(`bump:${n}`);
          await m.query(`INSERT INTO ${table} VALUES (${n})`);
        });
      }
      tx.afterCommit(() => order.push('after'));
      order.push('work');
    });
    // The last registration of a key wins, it ran inside the transaction (its row committed), before the after-commit work.
    expect(order).toEqual(['work', 'bump:6', 'after']);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE n IN (5, 6)`))[0].n).toBe(1);

    await expect(
      tx.run(async () => {
        await tx.beforeCommit('bump', async () => void order.push('never'));
        throw new Error('failed');
      }),
    ).rejects.toThrow('failed');
    expect(order).not.toContain('never');

    await tx.beforeCommit('bump', async () => void order.push('at once'));
    expect(order.at(-1)).toBe('at once');
  });
});
