import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ENTITIES } from '../../src/database/entities';

/**
 * Tables without an entity yet, while the orders and quotes entities are being written (issue 11,
 * item 2, orders/quotes part): remove each name once its entity is in ENTITIES. No other table may
 * lack one.
 */
const PENDING_ENTITIES = ['orders', 'order_events', 'claims', 'credits', 'credit_redemptions', 'quotes', 'quote_options'];
/**
 * What the schema builder (the diff `npm run migration:generate` writes) may still want while those
 * entities are pending: dropping the foreign keys that point at their tables.
 */
const PENDING_SCHEMA_DIFF = ['"violations_order_id_fkey"'];
/** TypeORM's own bookkeeping. */
const NOT_OURS = ['migrations'];

interface DbColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
}

/**
 * Every entity against the migrated schema of this run's database (embedded or PostgreSQL): the same
 * columns, each of the same type, length and nullability. An entity that drifts from the migrations
 * (a column renamed, widened or made nullable on one side only) fails here, not in production.
 */
describe('entities and the migrated schema agree', () => {
  let dataSource: DataSource;
  let columns: DbColumn[];

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.TEST_DB_URL!, 2)).initialize();
    columns = (await dataSource.query(
      `SELECT table_name, column_name, data_type, is_nullable, character_maximum_length, numeric_precision, numeric_scale
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    )) as DbColumn[];
  });
  afterAll(() => dataSource?.destroy());

  it('every table has an entity (but the pending ones), and every entity a table', () => {
    const tables = [...new Set(columns.map((c) => c.table_name))].filter((t) => !NOT_OURS.includes(t));
    const mapped = dataSource.entityMetadatas.map((m) => m.tableName);
    expect(tables.filter((t) => !mapped.includes(t) && !PENDING_ENTITIES.includes(t))).toEqual([]);
    expect(mapped.filter((t) => !tables.includes(t))).toEqual([]);
    // A pending table that got its entity must leave the pending list.
    expect(PENDING_ENTITIES.filter((t) => mapped.includes(t))).toEqual([]);
  });

  it('lists the entities the module tables need', () => {
    expect(ENTITIES.length).toBe(dataSource.entityMetadatas.length);
  });

  it('the schema builder finds nothing to change: migration:generate would write no migration', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    const diff = sql.upQueries.map((q) => q.query).filter((q) => !PENDING_SCHEMA_DIFF.some((name) => q.includes(name)));
    expect(diff).toEqual([]);
  });

  const describeEntity = (name: string) => name;
  it.each(ENTITIES.map((e) => [describeEntity(e.name), e] as const))('%s: columns, types, lengths and nullability', (_name, entity) => {
    const metadata = dataSource.getMetadata(entity);
    const inDb = columns.filter((c) => c.table_name === metadata.tableName);
    const fromDb = inDb.map((c) => ({
      column: c.column_name,
      type: c.data_type,
      nullable: c.is_nullable === 'YES',
      length: c.character_maximum_length,
      precision: c.data_type === 'numeric' ? c.numeric_precision : null,
      scale: c.data_type === 'numeric' ? c.numeric_scale : null,
    }));
    const fromEntity = metadata.columns.map((c) => {
      const type = dataSource.driver.normalizeType(c);
      return {
        column: c.databaseName,
        type,
        nullable: c.isNullable,
        length: c.length ? Number(c.length) : null,
        precision: type === 'numeric' ? (c.precision ?? null) : null,
        scale: type === 'numeric' ? (c.scale ?? null) : null,
      };
    });
    const byColumn = (a: { column: string }, b: { column: string }) => a.column.localeCompare(b.column);
    expect(fromEntity.sort(byColumn)).toEqual(fromDb.sort(byColumn));
  });
});
