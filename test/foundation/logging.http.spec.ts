import { Controller, Get, Injectable, Logger, Module } from '@nestjs/common';
import { Public } from '../../src/common/auth/decorators';
import { bearer, createTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app';

/** A service deep below a controller, logging with a plain `new Logger(…)`, as every service does. */
@Injectable()
class ProbeService {
  private readonly logger = new Logger('Probe');
  fail(): never {
    this.logger.warn('about to fail');
    throw new Error('probe failure');
  }
}

@Controller('log-probe')
@Public()
class ProbeController {
  constructor(private readonly probe: ProbeService) {}
  @Get('boom')
  boom(): never {
    return this.probe.fail();
  }
}

@Module({ controllers: [ProbeController], providers: [ProbeService] })
class ProbeModule {}

type Line = Record<string, unknown> & { level: string; time: string };

describe('logs: one JSON format, requestId on every line of a request, no secrets (SPEC §8)', () => {
  let t: TestApp;
  const raw: string[] = [];
  const lines = () =>
    raw
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
  const ofRequest = (id: string) => lines().filter((l) => l.requestId === id);

  beforeAll(async () => {
    t = await createTestApp({
      config: { logLevel: 'debug' },
      extraModules: [ProbeModule],
      logStream: { write: (chunk: string) => void raw.push(chunk) },
    });
  });
  afterAll(() => t.close());

  it('writes every line, start-up included, as one JSON object with level, time and message', () => {
    const all = lines();
    expect(all.length).toBeGreaterThan(20); // Nest's start-up lines at debug, through the same logger
    for (const line of all)
      expect(line).toMatchObject({
        level: expect.stringMatching(/^(trace|debug|info|warn|error|fatal)$/),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    expect(all).toContainEqual(expect.objectContaining({ level: 'debug', context: 'RouterExplorer', msg: 'Mapped {/v1/me, GET} route' }));
  });

  it('keeps the request line: requestId, method, route, status, durationMs', async () => {
    await t.http.get('/v1/me').set(t.admin).set('X-Request-Id', 'log-me-1').expect(200);
    expect(ofRequest('log-me-1')).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request',
        method: 'GET',
        route: '/v1/me',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it('puts the requestId on a service’s own lines and on the error line of a failed request', async () => {
    const res = await t.http.get('/v1/log-probe/boom').set('X-Request-Id', 'log-boom-1');
    expect(res.status).toBe(500);
    const mine = ofRequest('log-boom-1');
    expect(mine).toEqual([
      expect.objectContaining({ level: 'warn', context: 'Probe', msg: 'about to fail' }),
      expect.objectContaining({
        level: 'error',
        context: 'Errors',
        msg: 'unexpected error',
        err: expect.objectContaining({ message: 'probe failure', stack: expect.stringContaining('ProbeService.fail') }),
      }),
      expect.objectContaining({ msg: 'request', status: 500 }),
    ]);
  });

  it('logs a sweep run by an operator with the requestId of that call', async () => {
    await t.http.post('/v1/admin/sweeps/tier-expiry').set(t.admin).set('X-Request-Id', 'log-sweep-1').send({}).expect(200);
    expect(ofRequest('log-sweep-1')).toContainEqual(
      expect.objectContaining({ context: 'Sweeps', sweep: 'tier-expiry', examined: expect.any(Number) }),
    );
  });

  it('never writes an Authorization header, a created key’s secret or the admin key, even when an object carrying them is logged', async () => {
    const created = await t.http.post('/v1/api-keys').set(t.admin).send({ role: 'admin', label: 'log test' }).expect(201);
    const secret: string = created.body.apiKey;
    expect(secret).toMatch(/^blm_/);
    await t.http.get('/v1/me').set(bearer(secret)).expect(200);
    await t.http.get('/v1/log-probe/boom').set(bearer(secret));
    await t.http.post('/v1/api-keys').set(bearer(secret)).send({ label: secret }); // the secret in a body
    new Logger('Careless').warn({
      msg: 'logged the wrong object',
      apiKey: secret,
      headers: { authorization: `Bearer ${secret}` },
      config: { adminApiKey: TEST_ADMIN_KEY },
    });

    const text = raw.join('');
    expect(text).toContain('logged the wrong object');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(TEST_ADMIN_KEY);
    expect(text).not.toMatch(/Bearer /i);
    expect(lines()).toContainEqual(
      expect.objectContaining({
        context: 'Careless',
        apiKey: '[redacted]',
        headers: { authorization: '[redacted]' },
        config: { adminApiKey: '[redacted]' },
      }),
    );
  });
});
