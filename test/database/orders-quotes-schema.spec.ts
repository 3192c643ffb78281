import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';

/** The tables of the orders and quotes modules (README, module map: ownership). */
const TABLES = ['orders', 'order_events', 'claims', 'credits', 'credit_redemptions', 'quotes', 'quote_options'];

/**
 * `migration:generate` on the migrated schema of this run's database finds nothing to change for
 * the orders and quotes entities: columns, types, defaults, primary keys, foreign keys, unique
 * constraints, indexes and checks all agree, by the names the migrations gave them.
 */
describe('the orders and quotes entities and the migrated schema agree', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.TEST_DB_URL!, 2)).initialize();
  });
  afterAll(() => dataSource?.destroy());

  it('maps every table', () => {
    expect(TABLES.filter((t) => !dataSource.entityMetadatas.some((m) => m.tableName === t))).toEqual([]);
  });

  it('leaves migration:generate nothing to write for them', async () => {
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    const mentions = (sql: string) => TABLES.some((t) => sql.includes(`"${t}"`) || sql.includes(`"public"."${t}`));
    expect(upQueries.map((q) => q.query).filter(mentions)).toEqual([]);
  });
});
