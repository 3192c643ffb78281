import { ProvidersRepository } from '../../src/providers/providers.repository';
import { MarketVersionRepository } from '../../src/providers/market-version.repository';
import { TransactionContext } from '../../src/database/transaction-context';
import { applyProvider } from '../providers/fixtures';
import { createTestApp, onPostgres, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The market version's one row is written last in every transaction (TransactionContext.beforeCommit),
 * so a transaction that changes two providers (a pickup sweep's batch recording points) cannot
 * deadlock with one that changes one of them: before, A held P1 and the version row and waited for
 * P2, while B held P2 and waited for the version row, and PostgreSQL aborted one ("deadlock detected").
 */
onPostgres('the market version never takes part in a deadlock (PostgreSQL)', () => {
  // A database of its own: the version row is global, and other test files bump it in the shared one.
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    t = await createTestApp({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await t?.close();
    await db?.teardown();
  });

  it('a transaction over two providers and one over the second both commit, each bumping the version once', async () => {
    const tx = t.app.get(TransactionContext);
    const providers = t.app.get(ProvidersRepository);
    const version = t.app.get(MarketVersionRepository);
    const [p1, p2] = [await applyProvider(t), await applyProvider(t)];
    const read = async () => Number((await t.dataSource.query('SELECT version FROM market_version WHERE id = 1'))[0].version);
    const before = await read();
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    let bHolds!: () => void;
    const bHasP2 = new Promise<void>((resolve) => (bHolds = resolve));
    const a = tx.run(async () => {
      await providers.findForUpdate(p1.id);
      await version.bump();
      await version.bump(); // the same transaction's second change: still one bump
      await bHasP2;
      await providers.findForUpdate(p2.id); // waits for B
    });
    const b = tx.run(async () => {
      await providers.findForUpdate(p2.id);
      bHolds();
      await pause(300); // A is now waiting for P2
      await version.bump();
    });
    await expect(Promise.all([a, b])).resolves.toEqual([undefined, undefined]);
    expect(await read()).toBe(before + 2);
  });
});
