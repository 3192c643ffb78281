'use strict';
// The embedded database: PGlite served over the PostgreSQL wire protocol on 127.0.0.1, run as a
// child process of the API (see embedded-database.ts). Plain CommonJS so that it runs the same
// from dist/ and from the TypeScript sources under Jest, without a loader.
const fs = require('node:fs');
const path = require('node:path');
const { PGlite } = require('@electric-sql/pglite');
const net = require('node:net');

const dataDir = path.resolve(process.env.EMBEDDED_DATA_DIR || './data');
const maxConnections = Number(process.env.EMBEDDED_MAX_CONNECTIONS || '10');
const port = Number(process.env.EMBEDDED_PORT || '0');
const lockFile = path.join(dataDir, 'embedded.lock');

function send(message) {
  if (process.send) process.send(message);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  // A zombie (exited, not yet reaped by its new parent) answers the signal but holds nothing.
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (not Linux): trust the signal
  }
}

const lockWaitMs = Number(process.env.EMBEDDED_LOCK_WAIT_MS || '10000');

// Two processes on one PGlite directory silently lose writes: hold an exclusive lock file. It names
// this process and its API process ("pid ppid").
function readLock() {
  const [pid, parent] = fs.readFileSync(lockFile, 'utf8').trim().split(/\s+/).map(Number);
  return { pid, parent };
}

// After a kill -9 of the API its database child is still closing (flushing, releasing the lock) when
// the API is started again: a holder whose API is gone is waited for, a holder whose API runs is not.
async function takeLock() {
  fs.mkdirSync(dataDir, { recursive: true });
  const deadline = Date.now() + lockWaitMs;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, `${process.pid} ${process.ppid}`);
      fs.closeSync(fd);
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let holder;
    try {
      holder = readLock();
    } catch {
      continue; // released between the two calls
    }
    if (!holder.pid || holder.pid === process.pid || !isAlive(holder.pid)) {
      fs.rmSync(lockFile, { force: true }); // stale lock of a process that died
      continue;
    }
    const orphan = !holder.parent || !isAlive(holder.parent);
    if (!orphan || Date.now() >= deadline) {
      const closing = orphan ? ` (still closing after ${lockWaitMs} ms, its API is gone)` : '';
      throw new Error(
        `the embedded database in ${dataDir} is in use by process ${holder.pid}${closing}; stop it or set DATA_DIR to another directory`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function releaseLock() {
  try {
    if (readLock().pid === process.pid) fs.rmSync(lockFile, { force: true });
  } catch {
    /* already gone */
  }
}

let db;
let server;
let closing = false;
const sockets = new Set();

/**
 * A PostgreSQL wire-protocol server for PGlite's single backend. PGlite has one session, so the
 * messages of different client connections must never interleave inside one request: the
 * extended protocol (Parse/Bind/Describe/Execute … Sync) keeps state in the session (the unnamed
 * statement and portal). Each connection's messages are therefore grouped up to a Sync or a simple
 * Query and a group runs as one unit; while a transaction is open, only its connection's groups
 * run. (@electric-sql/pglite-socket's server queues single messages, which lets two connections'
 * Parse/Bind pairs interleave: "unnamed prepared statement does not exist" under load.)
 */
const queue = [];
let owner = null; // the connection whose transaction is open
let running = false;

function enqueue(conn, bytes) {
  queue.push({ conn, bytes });
  void drain();
}

async function drain() {
  if (running) return;
  running = true;
  try {
    for (;;) {
      const index = owner ? queue.findIndex((unit) => unit.conn === owner) : 0;
      if (index < 0 || queue.length === 0) break;
      const [unit] = queue.splice(index, 1);
      if (unit.conn.closed) continue;
      await db.runExclusive(() =>
        db.execProtocolRawStream(unit.bytes, {
          onRawData: (chunk) => {
            if (!unit.conn.closed) unit.conn.socket.write(Buffer.from(chunk));
          },
        }),
      );
      owner = db.isInTransaction() ? unit.conn : null;
    }
  } finally {
    running = false;
  }
}

async function releaseConnection(conn) {
  conn.closed = true;
  for (let i = queue.length - 1; i >= 0; i--) if (queue[i].conn === conn) queue.splice(i, 1);
  if (owner === conn) {
    // exec() takes PGlite's query lock itself (inside runExclusive it would wait for itself forever).
    // The closed connection stays the owner until the rollback is done, so nothing else runs in it.
    if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
    owner = null;
  }
  void drain();
}

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
// Messages after which the client waits for an answer: the group they end runs as one unit.
const GROUP_END = new Set([0x53 /* S Sync */, 0x51 /* Q Query */, 0x48 /* H Flush */, 0x58 /* X Terminate */]);

function handleConnection(socket) {
  socket.setNoDelay(true);
  const conn = { socket, closed: false, started: false, buffer: Buffer.alloc(0), group: [] };
  sockets.add(socket);
  socket.on('data', (data) => {
    conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, data]) : data;
    for (;;) {
      if (!conn.started) {
        if (conn.buffer.length < 8) return;
        const length = conn.buffer.readInt32BE(0);
        if (conn.buffer.length < length) return;
        const code = conn.buffer.readInt32BE(4);
        const message = conn.buffer.subarray(0, length);
        conn.buffer = conn.buffer.subarray(length);
        if (code === SSL_REQUEST) socket.write('N');
        else if (code === CANCEL_REQUEST) socket.end();
        else if (code === PROTOCOL_3) {
          conn.started = true;
          enqueue(conn, message);
        } else socket.destroy();
        continue;
      }
      if (conn.buffer.length < 5) return;
      const length = conn.buffer.readInt32BE(1) + 1;
      if (conn.buffer.length < length) return;
      const type = conn.buffer[0];
      conn.group.push(conn.buffer.subarray(0, length));
      conn.buffer = conn.buffer.subarray(length);
      if (type === 0x58) {
        socket.end();
        return;
      }
      if (GROUP_END.has(type)) {
        enqueue(conn, Buffer.concat(conn.group));
        conn.group = [];
      }
    }
  });
  const close = () => {
    sockets.delete(socket);
    if (!conn.closed) void releaseConnection(conn);
  };
  socket.on('close', close);
  socket.on('error', close);
}

async function shutdown(code) {
  if (closing) return;
  closing = true;
  try {
    // close() waits for every connection to end: end them instead of waiting for their clients.
    const closed = server ? new Promise((resolve) => server.close(resolve)) : Promise.resolve();
    for (const socket of sockets) socket.destroy();
    await closed;
    if (db) await db.close();
  } catch {
    /* exiting anyway */
  }
  releaseLock();
  process.exit(code);
}

async function main() {
  await takeLock();
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  db = await PGlite.create(dataDir);
  server = net.createServer(handleConnection);
  server.maxConnections = maxConnections;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  send({ ready: true, port: server.address().port, fresh });
}

// The API stops this process by closing the IPC channel, after its own requests are done; its death
// closes the channel too: never outlive it. A Ctrl-C or a SIGTERM sent to the whole process group
// is left to the API while it is connected, so its graceful shutdown still has a database.
process.on('disconnect', () => void shutdown(0));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (!process.connected) void shutdown(0);
  });
}
main().catch((err) => {
  send({ ready: false, error: err.message });
  releaseLock();
  process.exit(1);
});
