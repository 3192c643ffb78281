'use strict';
// npm run bench:foundation — targets (issue 2): GET /health/live ≥ 25,000 req/s and an authenticated
// trivial GET (/v1/me) ≥ 15,000 req/s at 50 connections; start to listening ≤ 3 s on an existing
// embedded database; RSS at idle ≤ 150 MB.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startServer, stop, rssMb, measure } = require('./lib');

const ADMIN = 'blm_bench_admin_key_00000000000000000000000';

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'blm-bench-'));
  const env = { DATA_DIR: dataDir, ADMIN_API_KEY: ADMIN, RATE_LIMIT_PER_MIN: '100000000', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };
  try {
    const start = () => startServer({ env, readyPath: '/health/live', port: Number(process.env.BENCH_PORT ?? 0), stdout: 'drain' });
    const first = await start(); // creates and seeds the embedded database
    console.log(JSON.stringify({ name: 'start on a new embedded database', ms: first.startMs }));
    await stop(first);

    const server = await start();
    console.log(JSON.stringify({ name: 'start to listening, existing embedded database', ms: server.startMs }));
    await new Promise((r) => setTimeout(r, 2000));
    console.log(JSON.stringify({ name: 'RSS at idle (API process)', mb: Math.round(rssMb(server.pid)) }));

    const duration = Number(process.env.BENCH_SECONDS ?? 10);
    await measure('GET /health/live', server, null, { url: `${server.base}/health/live`, duration });
    await measure('GET /v1/me (authenticated)', server, null, {
      url: `${server.base}/v1/me`,
      duration,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    console.log(JSON.stringify({ name: 'RSS after load (API process)', mb: Math.round(rssMb(server.pid)) }));
    await stop(server);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
