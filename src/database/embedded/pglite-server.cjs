'use strict';
// The embedded database: PGlite served over the PostgreSQL wire protocol on 127.0.0.1, run as a
// child process of the API (see embedded-database.ts). Plain CommonJS so that it runs the same
// from dist/ and from the TypeScript sources under Jest, without a loader.
const fs = require('node:fs');
const path = require('node:path');
const { PGlite } = require('@electric-sql/pglite');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');

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
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

// Two processes on one PGlite directory silently lose writes: hold an exclusive lock file.
function takeLock() {
  fs.mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `the embedded database in ${dataDir} is in use by process ${holder}; stop it or set DATA_DIR to another directory`,
        );
      }
      fs.rmSync(lockFile, { force: true }); // stale lock of a process that died
    }
  }
  throw new Error(`could not lock ${lockFile}`);
}

function releaseLock() {
  try {
    if (Number(fs.readFileSync(lockFile, 'utf8').trim()) === process.pid) fs.rmSync(lockFile, { force: true });
  } catch {
    /* already gone */
  }
}

let db;
let server;
let closing = false;

async function shutdown(code) {
  if (closing) return;
  closing = true;
  try {
    if (server) await server.stop();
    if (db) await db.close();
  } catch {
    /* exiting anyway */
  }
  releaseLock();
  process.exit(code);
}

async function main() {
  takeLock();
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  db = await PGlite.create(dataDir);
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
  await server.start();
  const address = server.getServerConn();
  send({ ready: true, port: Number(address.split(':').pop()), fresh });
}

// The parent's death closes the IPC channel: never outlive it.
process.on('disconnect', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
main().catch((err) => {
  send({ ready: false, error: err.message });
  releaseLock();
  process.exit(1);
});
