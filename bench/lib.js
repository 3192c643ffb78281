'use strict';
// Shared helpers of the benchmark scripts: start the built server, wait for it, run autocannon.
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const autocannon = require('autocannon');

const root = join(__dirname, '..');

/** The flags `npm run start:prod` (and the Dockerfile) start the app with: measure what production runs. */
const APP_NODE_ARGS = ['--max-old-space-size=192'];

/** Starts `node dist/src/main.js` with the given environment; resolves once /health/ready answers. */
async function startServer(env, { port = 3900 } = {}) {
  const started = Date.now();
  const child = spawn(process.execPath, [...APP_NODE_ARGS, join(root, 'dist/src/main.js')], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const res = await fetch(`${url}/health/live`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { child, url, startMs: Date.now() - started, output: () => output };
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.once('exit', resolve);
    server.child.kill('SIGTERM');
  });
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function load(name, options) {
  const result = await autocannon({ connections: 50, duration: 10, ...options });
  const row = {
    name,
    reqPerSec: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  console.log(JSON.stringify(row));
  return row;
}

module.exports = { startServer, stopServer, rssMb, load, root, APP_NODE_ARGS };
