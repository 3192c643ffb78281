import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../support/spawn-app';
import { TEST_DB_PREPARES } from '../support/test-database';

const MAIN = join(__dirname, '../../dist/src/main.js');
const SHUTDOWN_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw HTTP/1.1 connection, so the test controls keep-alive and when each byte is sent. */
function rawSocket(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  const state = { data: '', closedAt: 0 };
  socket.on('data', (chunk) => (state.data += chunk.toString()));
  socket.on('close', () => (state.closedAt = Date.now()));
  socket.on('error', () => undefined);
  return { socket, state };
}

async function until(what: string, condition: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * SPEC §8 shutdown, on the built server (`node dist/src/main.js`): on SIGTERM idle keep-alive
 * connections close at once, a request in flight finishes and answers with `Connection: close`,
 * and the process exits 0 well within SHUTDOWN_TIMEOUT_MS.
 */
describe('graceful shutdown of the built server (SPEC §8)', () => {
  let child: ChildProcess;
  let output = '';
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('closes idle keep-alive sockets at once, answers the request in flight with Connection: close, and exits 0', async () => {
    expect(existsSync(MAIN)).toBe(true); // npm test builds first (pretest)
    const port = await freePort();
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: process.env.TEST_DB_URL,
        DB_PREPARED_STATEMENTS: String(TEST_DB_PREPARES),
        DEMO_DATA: 'false',
        SCHEDULER_ENABLED: 'false',
        ADMIN_API_KEY: '',
        REDIS_URL: '',
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.on('exit', (code) => resolve({ code, at: Date.now() })),
    );
    await until('the server to listen', () => output.includes('Buyer Logistics Market API ready') || child.exitCode !== null, 30_000);
    expect(child.exitCode).toBeNull();

    // A keep-alive connection that has had its answer and now sits idle.
    const idle = rawSocket(port);
    idle.socket.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    await until('the idle socket’s answer', () => idle.state.data.includes('"status":"ok"'), 5_000);
    expect(idle.state.data).not.toMatch(/connection: close/i);

    // A request in flight: headers and half the body before SIGTERM, the rest after.
    const body = JSON.stringify({ companyName: 'Shutdown Imports', country: 'GB' });
    const busy = rawSocket(port);
    busy.socket.write(
      `POST /v1/buyers HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await sleep(200);

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    await until('the idle socket to close', () => idle.state.closedAt > 0, 2_000);
    expect(idle.state.closedAt - signalledAt).toBeLessThan(1_000);

    await sleep(300);
    expect(child.exitCode).toBeNull(); // still waiting for the request in flight
    busy.socket.write(body.slice(10));
    const exit = await exited;
    const [head] = busy.state.data.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 201 /);
    expect(head).toMatch(/^connection: close$/im);
    expect(busy.state.data).toContain('"apiKey"');
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS / 4);
  }, 60_000);
});
