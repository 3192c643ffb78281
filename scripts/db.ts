import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../src/database/embedded/embedded-database';

/** Connects the scripts to the configured database: DATABASE_URL, or the embedded one in DATA_DIR. */
export async function withDataSource<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: 2 });
  const dataSource = await new DataSource(dataSourceOptions(config.databaseUrl ?? embedded!.url, 2)).initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}
