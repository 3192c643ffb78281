/**
 * npm run migration:run | migration:revert | migration:generate -- <Name>
 * Works on PostgreSQL (DATABASE_URL) and on the embedded database (DATA_DIR) alike.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '../src/database/migrate';
import { withDataSource } from './db';

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  await withDataSource(async (dataSource) => {
    if (command === 'run') {
      const applied = await runMigrations(dataSource);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
      await runMigrations(dataSource);
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        console.log('the entities match the schema: nothing to generate');
        return;
      }
      const timestamp = Date.now();
      const quote = (q: string) => '`' + q.replace(/`/g, '\\`') + '`';
      const up = sql.upQueries.map((q) => `    await q.query(${quote(q.query)});`).join('\n');
      const down = sql.downQueries
        .reverse()
        .map((q) => `    await q.query(${quote(q.query)});`)
        .join('\n');
      const file = join(__dirname, '..', '..', 'migrations', `${timestamp}-${name}.ts`);
      writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${timestamp} implements MigrationInterface {\n  name = '${name}${timestamp}';\n\n  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
      );
      console.log(`wrote ${file}: review it, then add it to migrations/index.ts`);
    } else {
      throw new Error('usage: migrate run | revert | generate <Name>');
    }
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
