/* Shared by the benchmarks: a dedicated, migrated PostgreSQL database that is dropped afterwards. */
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { dataSourceOptions } = require('../dist/src/database/data-source-options');
const { runMigrations } = require('../dist/src/database/migrate');

const SERVER_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';

async function admin(sql) {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createBenchDatabase(label) {
  const name = `blm_bench_${label}_${Date.now()}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const dataSource = await new DataSource(dataSourceOptions(url.toString(), 2)).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

module.exports = { createBenchDatabase };
