import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnApp, type SpawnedApp } from '../support/spawn-app';
import { startTcpProxy } from '../support/tcp-proxy';
import { testDatabaseKind } from '../support/test-database';

const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;
/** "At once": no retry, well under the 28 s of ten retries; the bound is loose because a cold node start on a busy machine takes seconds. */
const AT_ONCE_MS = 15_000;
const PG_SERVER = process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
const onPostgres = testDatabaseKind() === 'postgres' ? describe : describe.skip;

/** The pid of the embedded database process holding `dataDir` (it writes it into its lock file). */
function embeddedPid(dataDir: string): number | null {
  const lock = join(dataDir, 'embedded.lock');
  return existsSync(lock) ? Number(readFileSync(lock, 'utf8').trim().split(/\s+/)[0]) : null;
}

/** Running, not merely a zombie waiting for its new parent (PID 1) to reap it. */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Pids whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return (
          Number(
            readFileSync(`/proc/${name}/stat`, 'utf8')
              .replace(/^.*\) /, '')
              .split(' ')[1],
          ) === pid
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('start and stop on the embedded database (SPEC §8 Faults)', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'blm-start-'))));
  const apps: SpawnedApp[] = [];
  const start = async () => {
    const app = await spawnApp({ DATA_DIR: dataDir, DEMO_DATA: 'false' });
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    for (const app of apps) await app.kill();
    // Each database process follows its API on its own; wait for the last one before removing its directory.
    await until(() => embeddedPid(dataDir) === null, 15_000).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts again at once after a kill -9 of the API: it waits for the old database process to close', async () => {
    const first = await start();
    await first.ready(60_000);
    const oldDatabase = embeddedPid(dataDir)!;
    expect(isAlive(oldDatabase)).toBe(true);

    // The old database process closes by itself once its API is gone; hold it "still closing" (stopped)
    // until the new API's database process has started and met its lock.
    process.kill(oldDatabase, 'SIGSTOP');
    await first.kill('SIGKILL');
    const second = await start();
    try {
      await until(() => childrenOf(second.child.pid!).length > 0 || second.child.exitCode !== null, 20_000);
      await new Promise((r) => setTimeout(r, 1_500));
    } finally {
      process.kill(oldDatabase, 'SIGCONT');
    }
    await second.ready(30_000);
    expect(second.stderr() + second.stdout()).not.toContain('in use by process');
    expect(isAlive(oldDatabase)).toBe(false);
    expect(embeddedPid(dataDir)).not.toBe(oldDatabase);
  }, 90_000);

  it('exits with one clear message when its embedded database process dies', async () => {
    const app = apps.at(-1)!;
    await app.ready();
    const database = embeddedPid(dataDir)!;
    process.kill(database, 'SIGKILL');

    const { code } = await Promise.race([
      app.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running:\n${app.stdout()}`)), 10_000)),
    ]);
    expect(code).toBe(1);
    const output = app.stdout() + app.stderr();
    expect(output).toContain('the embedded database process was killed by SIGKILL; the API exits');
    expect(output).not.toMatch(STACK_LINE);
  }, 30_000);
});

describe('Ctrl-C on the embedded database', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'blm-sigint-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('SIGINT to the whole process group is a graceful stop: the request in flight is answered with the database, exit 0', async () => {
    const app = await spawnApp({ DATA_DIR: dataDir, DEMO_DATA: 'false' }, { ownProcessGroup: true });
    try {
      await app.ready(60_000);
      const database = embeddedPid(dataDir)!;
      // A request in flight (its body half sent) holds the API's close: the database must outlast it.
      const body = JSON.stringify({ companyName: 'Late Imports', country: 'GB' });
      const req = request(`${app.base}/v1/buyers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      const answered = new Promise<number>((resolve, reject) =>
        req.on('response', (res) => res.resume().on('end', () => resolve(res.statusCode!))).on('error', reject),
      );
      req.write(body.slice(0, 10));
      await new Promise((r) => setTimeout(r, 200));
      process.kill(-app.child.pid!, 'SIGINT');
      await Promise.race([app.exited, new Promise((r) => setTimeout(r, 2_000))]);
      req.end(body.slice(10));
      expect(await answered).toBe(201);
      const { code } = await app.exited;
      expect(app.stdout() + app.stderr()).not.toContain('the embedded database process');
      expect(code).toBe(0);
      await until(() => !isAlive(database), 10_000);
      expect(embeddedPid(dataDir)).toBeNull();
    } finally {
      await app.kill();
    }
  }, 90_000);
});

describe('start with an unusable PostgreSQL (SPEC §8)', () => {
  const fails = async (env: Record<string, string>) => {
    const app = await spawnApp(env);
    const { code, afterMs } = await app.exited;
    return { code, afterMs, output: app.stdout() + app.stderr() };
  };

  onPostgres('permanent refusals', () => {
    it.each([
      [
        'a database that does not exist',
        `${PG_SERVER.replace(/\/[^/]*$/, '')}/blm_missing_${process.pid}`,
        /database "blm_missing_\d+" does not exist/,
      ],
      ['a role that does not exist', PG_SERVER.replace(/\/\/[^@/]*@/, '//blm_ghost_role@'), /role "blm_ghost_role" does not exist/],
    ])('%s: exit 1 at once, one line, no stack trace', async (_, url, message) => {
      const { code, afterMs, output } = await fails({ DATABASE_URL: url });
      expect(code).toBe(1);
      expect(afterMs).toBeLessThan(AT_ONCE_MS);
      expect(output).not.toContain('not reachable yet');
      const lines = output.trim().split('\n');
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0]) as { level: string; msg: string };
      expect(line.level).toBe('fatal');
      expect(line.msg).toMatch(message);
      expect(line.msg).toContain('check DATABASE_URL');
      expect(output).not.toContain('"stack"');
      expect(output).not.toMatch(STACK_LINE);
    });
  });

  it('an invalid URL: exit 1 at once naming DATABASE_URL', async () => {
    const { code, afterMs, output } = await fails({ DATABASE_URL: 'postgres://root@127.0.0.1:99999/x' });
    expect(code).toBe(1);
    expect(afterMs).toBeLessThan(AT_ONCE_MS);
    expect(output).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(output).not.toMatch(STACK_LINE);
  });

  it('a refused connection is retried with a growing pause, then gives up with one line', async () => {
    const port = await freePort(); // nothing listens there
    const { code, afterMs, output } = await fails({ DATABASE_URL: `postgres://root@127.0.0.1:${port}/x`, DB_START_RETRY_MS: '2000' });
    expect(code).toBe(1);
    expect(afterMs).toBeGreaterThanOrEqual(2_000);
    expect(afterMs).toBeLessThan(2_000 + AT_ONCE_MS);
    expect(output).toMatch(/attempt 2 in 250 ms/);
    expect(output).toMatch(/attempt 3 in 500 ms/);
    expect(output).toMatch(
      new RegExp(`the database at 127.0.0.1:${port}/x is unreachable after \\d+ attempts over 2 s: connect ECONNREFUSED`),
    );
    expect(output).not.toMatch(STACK_LINE);
  });

  it('a database that comes up while the start retries: the start succeeds', async () => {
    const proxy = await startTcpProxy(process.env.TEST_DB_URL!);
    await proxy.cut();
    const app = await spawnApp({ DATABASE_URL: proxy.url, DB_START_RETRY_MS: '20000' });
    try {
      await until(
        () => /is not reachable yet \(connect ECONNREFUSED/.test(app.stdout() + app.stderr()) || app.child.exitCode !== null,
        20_000,
      );
      expect(app.child.exitCode).toBeNull();
      await proxy.restore();
      await app.ready(20_000);
    } finally {
      await app.kill();
      await proxy.close();
    }
  }, 60_000);
});
