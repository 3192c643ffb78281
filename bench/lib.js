'use strict';
/**
 * Shared by every benchmark: start a server (the built app or a limit server) with the query counter
 * preloaded, call it, and measure a load on it. `measure()` prints one line per run with
 *   - req/s, p50/p99/p99.9: autocannon for the closed loop; with `overallRate`, an open loop at that
 *     fixed offered rate from `paced()` below (evenly spaced arrivals, latency from the intended send),
 *   - app CPU-ms per request: utime + stime of the server process (/proc/<pid>/stat) over the run,
 *   - PostgreSQL CPU-ms per request: the same, summed over the client backends of the bench's own
 *     database (pg_stat_activity.datname; the probe's own backend excluded). PostgreSQL's shared
 *     processes (walwriter, checkpointer, autovacuum) are not in it;
 *   - round trips per request: statements the server sent through `pg` (bench/server-probe.js);
 *   - response bytes per request and the server's peak RSS over the run (VmHWM after resetting it
 *     through /proc/<pid>/clear_refs; sampled VmRSS where that is refused).
 */
const { spawn } = require('node:child_process');
const http = require('node:http');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');

const root = join(__dirname, '..');
/** The flags `npm run start:prod` (and the Dockerfile) start the app with: measure what production runs. */
const APP_NODE_ARGS = ['--max-old-space-size=192', '--max-semi-space-size=32'];
const PROBE = ['-r', join(__dirname, 'server-probe.js')];
const CLK_TCK = 100; // getconf CLK_TCK on Linux x86-64

/** BENCH_CPU_PROF=<dir>: node flags that write a .cpuprofile of the server at its exit, into <dir>/<kind>. */
function profileArgs(kind = 'app') {
  return process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, kind)}`] : [];
}

/**
 * Starts a node server script (default: the built app with start:prod flags) with the server probe
 * and an IPC channel, on `port` or (default) an ephemeral one the server picks itself and reports;
 * resolves once `readyPath` answers 2xx there. Answers the child process, with `base` (its URL).
 */
async function startServer({
  script = join(root, 'dist/src/main.js'),
  port = 0,
  env = {},
  nodeArgs = [],
  readyPath = '/health/ready',
  stdout = 'ignore',
}) {
  const args = script.endsWith('main.js') ? APP_NODE_ARGS : [];
  const child = spawn(process.execPath, [...args, ...PROBE, ...nodeArgs, script], {
    env: { ...process.env, PORT: String(port), SCHEDULER_ENABLED: 'false', ...env },
    stdio: ['ignore', stdout === 'drain' ? 'pipe' : stdout, 'inherit', 'ipc'],
  });
  if (stdout === 'drain') child.stdout.resume();
  const ports = port ? [port] : [];
  child.on('message', (m) => m && m.type === 'listening' && ports.push(m.port));
  child.startedAt = Date.now();
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (i > 1200) throw new Error(`${script} did not become ready`);
    for (const p of ports) {
      if (
        await fetch(`http://127.0.0.1:${p}${readyPath}`).then(
          (r) => r.ok,
          () => false,
        )
      ) {
        child.base = `http://127.0.0.1:${p}`;
        child.startMs = Date.now() - child.startedAt;
        return child;
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The built app on a PostgreSQL database, as the benchmarks run it: no rate limit, and logging as in
 * production (LOG_LEVEL info: one request line per request) into a pipe the benchmark drains, as a
 * log collector would; BENCH_LOG_LEVEL=warn leaves the request lines out.
 */
function startApp(dbUrl, port, extraEnv = {}, nodeArgs = profileArgs()) {
  const env = {
    DATABASE_URL: dbUrl,
    RATE_LIMIT_PER_MIN: '100000000',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    DEMO_DATA: 'false',
    ...extraEnv,
  };
  return startServer({ port, env, nodeArgs, stdout: 'drain' });
}

/** A limit server (bench/*-limit-server.js) on the same database. */
function startLimit(name, dbUrl, port) {
  return startServer({
    script: join(__dirname, name),
    port,
    env: { DATABASE_URL: dbUrl },
    nodeArgs: profileArgs('limit'),
    stdout: 'inherit',
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

async function call(base, method, path, key, body, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** utime + stime of a process in ms (all its threads); null once it is gone. */
function cpuMs(pid) {
  const t = cpuTimes(pid);
  return t && t.user + t.system;
}

/** { user, system } ms of a process: /proc/<pid>/stat fields 14 and 15. */
function cpuTimes(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: (Number(fields[11]) * 1000) / CLK_TCK, system: (Number(fields[12]) * 1000) / CLK_TCK };
  } catch {
    return null;
  }
}

function rssMb(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
}

/** Peak RSS over an interval: VmHWM reset at start, or VmRSS sampled every 100 ms where the reset is refused. */
function peakRss(pid) {
  let reset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    reset = false;
  }
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      /* gone */
    }
  };
  sample();
  const timer = reset ? null : setInterval(sample, 100);
  return () => {
    if (timer) clearInterval(timer);
    sample();
    if (reset) {
      try {
        peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
      } catch {
        /* gone */
      }
    }
    return Math.round(peak);
  };
}

/** Statements the server sent through pg so far (its preloaded counter, over IPC). */
function queriesOf(child) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(null), 2000);
    function finish(count) {
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(count);
    }
    function onMessage(message) {
      if (message && message.type === 'queries') finish(message.count);
    }
    child.on('message', onMessage);
    child.send({ type: 'queries?' });
  });
}

/** A connection to the bench database that finds the pids of its backends. */
async function pgProbe(dbUrl) {
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  return {
    async backends() {
      const { rows } = await client.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      return rows.map((r) => r.pid);
    },
    /**
     * Before each measured phase: the inserts of the phase before would otherwise set autovacuum and
     * the checkpointer to work during this one (on the same 2 cores, unmeasured, and after every
     * closed loop: the app's open loop ran in the wake of both closed loops, the limit's did not).
     * VACUUM (ANALYZE) and a CHECKPOINT leave every phase the same quiet start.
     */
    async settle() {
      await client.query('VACUUM (ANALYZE)');
      await client.query('CHECKPOINT').catch(() => {}); // superuser only; without it, the vacuum alone
    },
    close: () => client.end(),
  };
}

/**
 * CPU of the database's backends over a run. Pools open and close connections (pg.Pool closes one
 * idle for 10 s), so the backends are listed every 500 ms: one that exits keeps its last reading,
 * one that appears counts from 0 (its start-up is a cost of the run too).
 */
async function backendCpu(probe) {
  const start = new Map();
  const last = new Map();
  const read = async (into) => {
    for (const pid of await probe.backends()) {
      const ms = cpuMs(pid);
      if (ms !== null) {
        if (into && !into.has(pid)) into.set(pid, ms);
        last.set(pid, ms);
      }
    }
  };
  await read(start);
  let pending = Promise.resolve();
  const timer = setInterval(() => (pending = pending.then(() => read(null)).catch(() => {})), 500);
  return async () => {
    clearInterval(timer);
    await pending;
    await read(null);
    let ms = 0;
    for (const [pid, now] of last) ms += now - (start.get(pid) ?? 0);
    return { ms, backends: last.size };
  };
}

const round = (n, digits = 2) => (n === null || !Number.isFinite(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits);

/**
 * Runs one autocannon load against `server` and answers (and prints) its figures, costs per request
 * included. `load` is autocannon's options (give `overallRate` for an open-loop run).
 */
async function measure(name, server, probe, load) {
  // probe: pgProbe(dbUrl), or null for a server without PostgreSQL (the embedded database).
  if (probe) await probe.settle();
  const queries0 = await queriesOf(server);
  const pg = probe ? await backendCpu(probe) : null;
  const app0 = cpuTimes(server.pid);
  const peak = peakRss(server.pid);
  const r = load.overallRate ? await paced(load) : await autocannon({ connections: 50, ...load });
  const app1 = cpuTimes(server.pid);
  const pgCpu = pg ? await pg() : null;
  const rss = peak();
  const queries1 = await queriesOf(server);

  const n = r.requests.total;
  const row = {
    name,
    offered: load.overallRate ?? 'closed',
    connections: load.connections ?? 50,
    reqPerSec: Math.round(r.requests.average),
    total: n,
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    p999ms: r.latency.p99_9,
    maxMs: r.latency.max,
    appCpuMsPerReq: round((app1.user + app1.system - app0.user - app0.system) / n, 3),
    // The kernel's share (socket writes and reads, the loopback TCP path): what a wall-clock profile
    // shows as `writev` is mostly the thread preempted by the peer its write woke, not this.
    appSysMsPerReq: round((app1.system - app0.system) / n, 3),
    pgCpuMsPerReq: pgCpu ? round(pgCpu.ms / n, 3) : null,
    pgBackends: pgCpu ? pgCpu.backends : null,
    roundTripsPerReq: queries0 === null || queries1 === null ? null : round((queries1 - queries0) / n),
    bytesPerReq: Math.round(r.throughput.total / Math.max(n, 1)),
    peakRssMb: rss,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
  row.valid = row.non2xx === 0 && row.errors === 0 && row.timeouts === 0;
  if (!row.valid) row.statusCodes = r.statusCodeStats;
  console.log(JSON.stringify(row));
  return row;
}

/** One table row of figures for the run's closing summary. */
function line(row) {
  return (
    `${row.name.padEnd(34)} ${String(row.reqPerSec).padStart(6)} req/s  p50 ${row.p50ms} p99 ${row.p99ms} p99.9 ${row.p999ms} ms  ` +
    `app ${row.appCpuMsPerReq} (sys ${row.appSysMsPerReq}) + pg ${row.pgCpuMsPerReq} CPU-ms/req  ${row.roundTripsPerReq} round trips/req  ` +
    `${row.bytesPerReq} B/resp  peak RSS ${row.peakRssMb} MB${row.valid ? '' : '  INVALID (non-2xx/errors)'}`
  );
}

/** The nearest-rank `q`-quantile (0 < q ≤ 1) of ascending `sorted` values; null when there are none. */
const percentile = (sorted, q) =>
  sorted.length === 0 ? null : sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))];

/**
 * An open loop: `overallRate` requests per second, evenly spaced, for `duration` seconds, whatever
 * the server's answers (a request is sent on time even while earlier ones wait). autocannon's
 * `overallRate` is not that: each connection sends its share back to back at the start of every
 * second and then pauses, so the server sees one burst per second and its queue is what autocannon's
 * p99 measures. Latency here runs from the request's intended send time to its response's end, so
 * a stall of the load generator itself is counted against the server, never hidden (coordinated
 * omission). Keep-alive sockets, at most `connections` open; a request beyond them waits for one,
 * and that wait is latency too. Takes autocannon's options (url, method, headers, body,
 * requests[0].setupRequest) and answers the fields of its result that `measure` reads (its bytes are
 * the bodies only, autocannon's include the headers: ≈ 1 KB less per response).
 */
function paced(load) {
  const url = new URL(load.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.connections ?? 50 });
  const rate = load.overallRate;
  const total = Math.round(rate * load.duration);
  const setup = load.requests?.[0]?.setupRequest;
  const latencies = [];
  const statusCodeStats = {};
  let bytes = 0;
  let non2xx = 0;
  let errors = 0;
  let done = 0;
  return new Promise((resolve) => {
    const start = performance.now();
    let sent = 0;
    const finish = () => {
      agent.destroy();
      latencies.sort((a, b) => a - b);
      const seconds = (performance.now() - start) / 1000;
      resolve({
        requests: { total: latencies.length, average: latencies.length / seconds },
        latency: {
          p50: round(percentile(latencies, 0.5), 1),
          p90: round(percentile(latencies, 0.9), 1),
          p99: round(percentile(latencies, 0.99), 1),
          p99_9: round(percentile(latencies, 0.999), 1),
          max: round(latencies.at(-1) ?? null, 1),
        },
        throughput: { total: bytes },
        non2xx,
        errors,
        timeouts: 0,
        statusCodeStats,
      });
    };
    const send = (intended) => {
      const base = { method: load.method ?? 'GET', path: url.pathname + url.search, headers: { ...load.headers }, body: load.body };
      const r = setup ? setup(base) : base;
      const body = r.body === undefined ? undefined : Buffer.from(r.body);
      const headers = body ? { ...r.headers, 'content-length': body.length } : r.headers;
      const req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent }, (res) => {
        res.on('data', (chunk) => (bytes += chunk.length));
        res.on('end', () => {
          latencies.push(performance.now() - intended);
          statusCodeStats[res.statusCode] = { count: (statusCodeStats[res.statusCode]?.count ?? 0) + 1 };
          if (res.statusCode < 200 || res.statusCode > 299) non2xx += 1;
          if (++done === total) finish();
        });
      });
      req.on('error', () => {
        errors += 1;
        if (++done === total) finish();
      });
      req.end(body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
      while (sent < due) send(start + (sent++ * 1000) / rate);
      if (sent < total) setTimeout(tick, Math.max(0, start + (sent * 1000) / rate - performance.now()));
    };
    tick();
  });
}

/** The same load, open loop at half the limit server's measured closed-loop throughput. */
function openLoop(load, limitRow, seconds = Number(process.env.BENCH_OPEN_SECONDS ?? 10)) {
  return { ...load, duration: seconds, overallRate: Math.max(1, Math.round(limitRow.reqPerSec / 2)) };
}

module.exports = {
  root,
  APP_NODE_ARGS,
  profileArgs,
  startServer,
  startApp,
  startLimit,
  stop,
  call,
  cpuMs,
  rssMb,
  pgProbe,
  measure,
  line,
  openLoop,
  paced,
  percentile,
};
