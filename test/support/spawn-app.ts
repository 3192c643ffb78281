import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_DB_PREPARES } from './test-database';

const MAIN = join(__dirname, '../../dist/src/main.js');

export interface SpawnedApp {
  child: ChildProcess;
  port: number;
  base: string;
  /** Everything the process wrote so far, stdout and stderr. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
  /** Polls /health/ready until it answers 200 (throws after `timeoutMs` or if the process exits). */
  ready(timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built app (`node dist/src/main.js`, as an operator runs it) with `env` on top of a
 * clean environment: the tests' own DATABASE_URL and friends never leak into it. As in createTestApp,
 * it delivers no webhooks unless `env` says WEBHOOKS_ENABLED=true: a spawned app on the shared test
 * database would otherwise claim the webhook tests' deliveries (and, refusing their http URLs, fail them).
 */
export async function spawnApp(env: Record<string, string>, options: { ownProcessGroup?: boolean } = {}): Promise<SpawnedApp> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx nest build (npm test does)`);
  const port = Number(env.PORT ?? (await freePort()));
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: 'false',
      WEBHOOKS_ENABLED: 'false',
      DB_PREPARED_STATEMENTS: String(TEST_DB_PREPARES),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own group: a signal to -pid reaches it and its children, as a terminal's Ctrl-C does.
    detached: options.ownProcessGroup ?? false,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, afterMs: Date.now() - started })),
  );
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    port,
    base,
    stdout: () => out,
    stderr: () => err,
    exited,
    async ready(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app exited during start:\n${out}\n${err}`);
        const status = await fetch(`${base}/health/ready`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the app was not ready within ${timeoutMs} ms:\n${out}\n${err}`);
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
