import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_KEYS } from '../../src/database/seed/demo-data';

/**
 * The built server (`node dist/src/main.js`, as `npm start` and the image run it) on a fresh embedded
 * database, started twice as a newcomer would: every line it writes is one JSON log line, the demo
 * keys come on every start, and the admin key never appears. Needs `nest build` (npm test does it).
 */
const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const ADMIN_API_KEY = 'blm_main_process_admin_key_00000000000000';

type Line = Record<string, unknown> & { level: string; msg?: string };

interface Run {
  lines: Line[];
  text: string;
  code: number | null;
}

/** Starts the server, runs `whileUp` against it once ready, then stops it with SIGTERM. */
function run(env: Record<string, string>, whileUp: (url: string) => Promise<void> = async () => undefined): Promise<Run> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', SCHEDULER_ENABLED: 'false', ADMIN_API_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let up = false;
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    const ready = !up && /"url":"(http:\/\/localhost:\d+)".*"msg":"Buyer Logistics Market API ready"/.exec(text);
    if (!ready) return;
    up = true;
    void whileUp(ready[1]).finally(() => child.kill('SIGTERM'));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      const lines = text
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          try {
            return JSON.parse(line) as Line;
          } catch {
            throw new Error(`not a JSON log line: ${line}`);
          }
        });
      resolve({ lines, text, code });
    }),
  );
}

describe('the server process: one log format from start to shutdown, demo keys on every start (SPEC §8)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'blm-main-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds a fresh embedded database, then lists the demo keys again on the next start', async () => {
    let status = 0;
    const first = await run({ DATA_DIR: dataDir }, async (url) => {
      status = (await fetch(`${url}/v1/me`, { headers: { Authorization: `Bearer ${ADMIN_API_KEY}` } })).status;
    });
    expect(status).toBe(200);
    const second = await run({ DATA_DIR: dataDir });

    for (const started of [first, second]) {
      expect(started.code).toBe(0);
      const demo = started.lines.find((l) => l.demoKeys) as { demoKeys: Record<string, string> } | undefined;
      expect(Object.keys(demo!.demoKeys)).toHaveLength(14); // admin, five buyers, eight providers
      expect(demo!.demoKeys['demo admin']).toBe(DEMO_KEYS.admin);
      expect(started.lines.map((l) => l.msg)).toEqual(
        expect.arrayContaining(['Buyer Logistics Market API ready', 'received SIGTERM, shutting down', 'stopped']),
      );
      expect(started.text).not.toContain(ADMIN_API_KEY);
    }
    expect(first.lines).toContainEqual(
      expect.objectContaining({ msg: 'request', route: '/v1/me', status: 200, requestId: expect.any(String) }),
    );
  }, 180_000);

  it('refuses a bad configuration with one fatal JSON line naming the variable', async () => {
    const refused = await run({ DATA_DIR: dataDir, PORT: 'eighty' });
    expect(refused.code).toBe(1);
    expect(refused.lines).toEqual([
      expect.objectContaining({
        level: 'fatal',
        msg: 'invalid configuration',
        problems: ['PORT must be an integer from 0 to 65535 (got "eighty")'],
      }),
    ]);
  });
});
