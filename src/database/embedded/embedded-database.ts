import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface EmbeddedDatabase {
  /** A postgres:// URL for the TypeORM `postgres` driver. */
  url: string;
  /** True when the data directory was created by this start (an empty database). */
  fresh: boolean;
  stop(): Promise<void>;
  /** Called once if the database process ends other than through `stop()` (it crashed or was killed). */
  onUnexpectedExit(handler: (how: string) => void): void;
}

type ChildMessage = { ready: true; port: number; fresh: boolean } | { ready: false; error: string };

/**
 * Starts PGlite in a forked child process serving the PostgreSQL wire protocol on 127.0.0.1.
 * Forked rather than in-process: it then runs under Jest without `--experimental-vm-modules`, and a
 * crash of the database cannot take the API's event loop with it. PGlite serialises transactions, so
 * the pool may hold up to `maxConnections` sockets but only one transaction runs at a time.
 */
export function startEmbeddedDatabase(options: { dataDir: string; maxConnections: number }): Promise<EmbeddedDatabase> {
  const child: ChildProcess = fork(join(__dirname, 'pglite-server.cjs'), [], {
    env: {
      ...process.env,
      EMBEDDED_DATA_DIR: options.dataDir,
      EMBEDDED_MAX_CONNECTIONS: String(options.maxConnections),
      // How long to wait for the database process of a killed previous API to release the directory.
      EMBEDDED_LOCK_WAIT_MS: '10000',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });

  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the embedded database exited during start (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (message: ChildMessage) => {
      child.off('exit', onExit);
      if (!message.ready) {
        reject(new Error(`embedded database: ${message.error}`));
        return;
      }
      let stopping = false;
      resolve({
        url: `postgres://postgres:postgres@127.0.0.1:${message.port}/postgres`,
        fresh: message.fresh,
        stop: () => {
          stopping = true;
          return stopChild(child);
        },
        onUnexpectedExit: (handler) => {
          const report = (code: number | null, signal: NodeJS.Signals | null) => {
            if (!stopping) handler(signal ? `was killed by ${signal}` : `exited with code ${code}`);
          };
          if (child.exitCode !== null || child.signalCode !== null) report(child.exitCode, child.signalCode);
          else child.once('exit', report);
        },
      });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected)
      child.disconnect(); // the child shuts down when its channel closes
    else child.kill('SIGTERM');
  });
}
