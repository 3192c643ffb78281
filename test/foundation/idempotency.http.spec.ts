import { Body, Controller, Headers, HttpCode, Module, Post } from '@nestjs/common';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { ConflictError } from '../../src/common/errors/domain-error';
import type { ErrorCodeOf } from '../../src/common/errors/error-codes';
import { Idempotent } from '../../src/common/idempotency/idempotency.interceptor';
import type { AppConfig } from '../../src/config/config';
import { TransactionContext } from '../../src/database/transaction-context';
import { bearer, createTestApp, onPostgres, type TestApp } from '../support/test-app';

class ChargeDto {
  @IsInt()
  amountMinor: number;

  @IsOptional()
  @IsString()
  note?: string;
}

/**
 * A money-bearing probe: counts how many times its body really ran, and writes a row in the request's
 * transaction before it answers (409 for amountMinor 409, a bug's 500 for 500).
 */
let executions = 0;
let delayMs = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Controller('charges')
class ChargesController {
  constructor(private readonly tx: TransactionContext) {}

  @Post()
  @Idempotent()
  async create(@Body() body: ChargeDto, @Headers('idempotency-key') key: string) {
    executions += 1;
    await this.tx.manager.query('INSERT INTO test_idempotency_probe (key, amount_minor) VALUES ($1, $2)', [key, body.amountMinor]);
    if (delayMs) await sleep(delayMs);
    if (body.amountMinor === 409) throw new ConflictError('charge_refused' as ErrorCodeOf<409>, 'Refused for the test.'); // a code only this test route answers
    if (body.amountMinor === 500) throw new Error('a bug, after a write');
    return { execution: executions, amountMinor: body.amountMinor };
  }

  @Post('accepted')
  @HttpCode(202)
  @Idempotent()
  accepted(@Body() body: ChargeDto) {
    executions += 1;
    return { execution: executions, amountMinor: body.amountMinor };
  }
}

@Module({ controllers: [ChargesController] })
class ChargesModule {}

async function probeApp(config: Partial<AppConfig> = {}) {
  const t = await createTestApp({ config, extraModules: [ChargesModule] });
  await t.dataSource.query('CREATE TABLE IF NOT EXISTS test_idempotency_probe (key text NOT NULL, amount_minor int NOT NULL)');
  const key = bearer((await t.http.post('/v1/api-keys').set(t.admin).send({})).body.apiKey);
  const rows = async (sql: string, param: string) => ((await t.dataSource.query(sql, [param])) as { n: number }[])[0]!.n;
  return {
    t,
    key,
    probeRows: (key: string) => rows('SELECT count(*)::int AS n FROM test_idempotency_probe WHERE key = $1', key),
    keyRows: (key: string) => rows('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', key),
  };
}

describe('Idempotency-Key (SPEC §1)', () => {
  let t: TestApp;
  let key: { Authorization: string };
  let probe: Awaited<ReturnType<typeof probeApp>>;
  beforeAll(async () => {
    probe = await probeApp();
    ({ t, key } = probe);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    executions = 0;
    delayMs = 0;
  });

  it('requires the header on money-bearing routes', async () => {
    const res = await t.http.post('/v1/charges').set(key).send({ amountMinor: 100 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('idempotency_key_missing');
    const long = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'k'.repeat(256)).send({ amountMinor: 100 });
    expect(long.status).toBe(400);
    expect(executions).toBe(0);
  });

  it('replays the first response (status and body) for the same key and body', async () => {
    const first = await t.http
      .post('/v1/charges/accepted')
      .set(key)
      .set('Idempotency-Key', 'replay-1')
      .send({ amountMinor: 100, note: 'a' });
    // Same body with keys in another order counts as the same body.
    const again = await t.http
      .post('/v1/charges/accepted')
      .set(key)
      .set('Idempotency-Key', 'replay-1')
      .send({ note: 'a', amountMinor: 100 });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(executions).toBe(1);
  });

  it('answers a different body under the same key with 422 idempotency_key_reused', async () => {
    await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'reuse-1').send({ amountMinor: 100 });
    const res = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'reuse-1').send({ amountMinor: 101 });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('idempotency_key_reused');
    expect(executions).toBe(1);
  });

  it('scopes keys to the calling API key', async () => {
    const other = bearer((await t.http.post('/v1/api-keys').set(t.admin).send({})).body.apiKey);
    await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'scoped-1').send({ amountMinor: 100 });
    const res = await t.http.post('/v1/charges').set(other).set('Idempotency-Key', 'scoped-1').send({ amountMinor: 999 });
    expect(res.status).toBe(201);
    expect(executions).toBe(2);
  });

  it('commits the response with the work: a replay finds both', async () => {
    const first = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'commit-1').send({ amountMinor: 300 });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect([await probe.probeRows('commit-1'), await probe.keyRows('commit-1')]).toEqual([1, 1]);
  });

  it('replays a business refusal with its writes undone, but forgets a validation failure so the client can fix it', async () => {
    const refused = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'refused-1').send({ amountMinor: 409 });
    const replay = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'refused-1').send({ amountMinor: 409 });
    expect(refused.status).toBe(409);
    expect(replay.status).toBe(409);
    expect(replay.headers['content-type']).toMatch(/problem\+json/);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.code).toBe('charge_refused');
    expect(executions).toBe(1);
    // The refusal is stored, what the work wrote before it refused is not.
    expect([await probe.probeRows('refused-1'), await probe.keyRows('refused-1')]).toEqual([0, 1]);

    const invalid = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'invalid-1').send({ amountMinor: 'x' });
    expect(invalid.status).toBe(400);
    const fixed = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'invalid-1').send({ amountMinor: 5 });
    expect(fixed.status).toBe(201);
  });

  it('forgets a failure (5xx) with everything it wrote, key included: the retry runs afresh', async () => {
    const failed = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'failed-1').send({ amountMinor: 500 });
    expect(failed.status).toBe(500);
    expect([await probe.probeRows('failed-1'), await probe.keyRows('failed-1')]).toEqual([0, 0]);
    const again = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'failed-1').send({ amountMinor: 500 });
    expect(again.status).toBe(500);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(executions).toBe(2);
  });

  // On the embedded database transactions run one at a time: the others simply wait for the first commit.
  it('runs exactly one of several simultaneous requests with one key; the others wait and replay it', async () => {
    delayMs = 150;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'race-1').send({ amountMinor: 700 })),
    );
    expect(executions).toBe(1);
    for (const res of results) {
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ execution: 1, amountMinor: 700 });
    }
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    expect(await probe.probeRows('race-1')).toBe(1);
  });
});

onPostgres('Idempotency-Key: how long a second request waits (PostgreSQL)', () => {
  let probe: Awaited<ReturnType<typeof probeApp>>;
  beforeAll(async () => {
    // The bound is IDEMPOTENCY_WAIT_MS (10 s by default); 400 ms keeps the test short.
    probe = await probeApp({ idempotencyWaitMs: 400 });
  });
  afterAll(() => probe.t.close());

  it('answers 409 idempotency_key_in_use once the first request has held the key longer than the bound, then replays', async () => {
    const { t, key } = probe;
    executions = 0;
    delayMs = 2000;
    const send = () => t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'slow-1').send({ amountMinor: 800 });
    const first = send().then((res) => res); // supertest sends on then()
    await sleep(200);
    const started = Date.now();
    const second = await send();
    const waited = Date.now() - started;
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('idempotency_key_in_use');
    expect(waited).toBeGreaterThanOrEqual(350);
    expect(waited).toBeLessThan(1500);
    expect((await first).status).toBe(201);
    delayMs = 0;
    const third = await send();
    expect(third.status).toBe(201);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(third.body).toEqual({ execution: 1, amountMinor: 800 });
    expect(executions).toBe(1);
  });
});
