import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ENTITIES } from '../../src/database/entities';

/** TypeORM's own bookkeeping; `test_*` are the scratch tables of tests sharing the database. */
const NOT_OURS = ['migrations'];
const isScratch = (table: string) => table.startsWith('test_');

interface DbColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
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
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length, numeric_precision, numeric_scale
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    )) as DbColumn[];
  });
  afterAll(() => dataSource?.destroy());

  it('every table has an entity, and every entity a table', () => {
    const tables = [...new Set(columns.map((c) => c.table_name))].filter((t) => !NOT_OURS.includes(t) && !isScratch(t));
    const mapped = dataSource.entityMetadatas.map((m) => m.tableName);
    expect(tables.filter((t) => !mapped.includes(t))).toEqual([]);
    expect(mapped.filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('lists the entities the module tables need', () => {
    expect(ENTITIES.length).toBe(dataSource.entityMetadatas.length);
  });

  it('the schema builder finds nothing to change: migration:generate would write no migration', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  const describeEntity = (name: string) => name;
  it.each(ENTITIES.map((e) => [describeEntity(e.name), e] as const))('%s: columns, types, lengths and nullability', (_name, entity) => {
    const metadata = dataSource.getMetadata(entity);
    const inDb = columns.filter((c) => c.table_name === metadata.tableName);
    const fromDb = inDb.map((c) => ({
      column: c.column_name,
      type: c.data_type === 'ARRAY' ? `${c.udt_name.replace(/^_/, '')}[]` : c.data_type,
      nullable: c.is_nullable === 'YES',
      length: c.character_maximum_length,
      precision: c.data_type === 'numeric' ? c.numeric_precision : null,
      scale: c.data_type === 'numeric' ? c.numeric_scale : null,
    }));
    const fromEntity = metadata.columns.map((c) => {
      const type = dataSource.driver.normalizeType(c) + (c.isArray ? '[]' : '');
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
