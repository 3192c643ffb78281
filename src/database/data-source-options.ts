import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { GuardedClient } from './guarded-client';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One definition of the connection for the app, the tests and the migration CLI. */
/**
 * `preparedStatements`: run the statements marked with `prepared` (sql.ts) as named prepared
 * statements. Never on the embedded database, whose connections share one session (the names of
 * two connections would collide), nor behind a pooler that does not keep them per client.
 */
export function dataSourceOptions(url: string, poolSize: number, preparedStatements = false): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize,
    // Every pool client listens for its own connection errors from construction (see GuardedClient),
    // which also logs them: the pool's re-emission of the same error needs no second line.
    extra: { max: poolSize, connectionTimeoutMillis: 10_000, Client: GuardedClient, preparedStatements },
    poolErrorHandler: () => undefined,
    // Expected refusals (unique violations and the like) are not errors; unexpected ones reach the
    // problem filter, which logs them in full.
    logging: false,
  };
}
