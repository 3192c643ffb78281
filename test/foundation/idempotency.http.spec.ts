import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { ConflictError } from '../../src/common/errors/domain-error';
import { Idempotent } from '../../src/common/idempotency/idempotency.interceptor';
import { bearer, createTestApp, onPostgres, type TestApp } from '../support/test-app';

class ChargeDto {
  @IsInt()
  amountMinor: number;

  @IsOptional()
  @IsString()
  note?: string;
}

/** A money-bearing probe: counts how many times its body really ran. */
let executions = 0;
let delayMs = 0;

@Controller('charges')
class ChargesController {
  @Post()
  @Idempotent()
  async create(@Body() body: ChargeDto) {
    executions += 1;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (body.amountMinor === 409) throw new ConflictError('charge_refused', 'Refused for the test.');
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

describe('Idempotency-Key (SPEC §1)', () => {
  let t: TestApp;
  let key: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ChargesModule] });
    key = bearer((await t.http.post('/v1/api-keys').set(t.admin).send({})).body.apiKey);
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
    const first = await t.http.post('/v1/charges/accepted').set(key).set('Idempotency-Key', 'replay-1').send({ amountMinor: 100, note: 'a' });
    // Same body with keys in another order counts as the same body.
    const again = await t.http.post('/v1/charges/accepted').set(key).set('Idempotency-Key', 'replay-1').send({ note: 'a', amountMinor: 100 });
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

  it('replays a business refusal, but forgets a validation failure so the client can fix it', async () => {
    const refused = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'refused-1').send({ amountMinor: 409 });
    const replay = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'refused-1').send({ amountMinor: 409 });
    expect(refused.status).toBe(409);
    expect(replay.status).toBe(409);
    expect(replay.headers['content-type']).toMatch(/problem\+json/);
    expect(replay.body.code).toBe('charge_refused');
    expect(executions).toBe(1);

    const invalid = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'invalid-1').send({ amountMinor: 'x' });
    expect(invalid.status).toBe(400);
    const fixed = await t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'invalid-1').send({ amountMinor: 5 });
    expect(fixed.status).toBe(201);
  });
});

onPostgres('Idempotency-Key under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  let key: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ChargesModule] });
    key = bearer((await t.http.post('/v1/api-keys').set(t.admin).send({})).body.apiKey);
  });
  afterAll(() => t.close());

  it('runs exactly one of several simultaneous requests with one key; the others replay it', async () => {
    executions = 0;
    delayMs = 150;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.http.post('/v1/charges').set(key).set('Idempotency-Key', 'race-1').send({ amountMinor: 700 })),
    );
    expect(executions).toBe(1);
    for (const res of results) {
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ execution: 1, amountMinor: 700 });
    }
  });
});
