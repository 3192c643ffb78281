import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { Public } from '../../src/common/auth/decorators';
import { createTestApp, type TestApp } from '../support/test-app';

class ProbeDto {
  @IsString()
  name: string;

  @IsInt()
  @Min(1)
  @Max(10)
  count: number;
}

@Controller('probe')
@Public()
class ProbeController {
  @Post()
  create(@Body() body: ProbeDto) {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret database detail: relation "x" does not exist');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const expectProblem = (
  res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
  code: string,
) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.stringContaining(code), title: expect.any(String) });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
};

describe('errors are problem+json (SPEC §1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('accepts a valid body', async () => {
    const res = await t.http.post('/v1/probe').send({ name: 'a', count: 2 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'a', count: 2 });
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await t.http.post('/v1/probe').set('content-type', 'application/json').send('{"name": "a",');
    expectProblem(res, 400, 'malformed_json');
  });

  it('refuses unknown fields, naming them', async () => {
    const res = await t.http.post('/v1/probe').send({ name: 'a', count: 2, tier: 'L4' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'tier', message: expect.stringContaining('unknown field') }]);
  });

  it('refuses wrong types with one error per field', async () => {
    const res = await t.http.post('/v1/probe').send({ name: 5, count: '2' });
    expectProblem(res, 400, 'validation_failed');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['name', 'count']));
  });

  it('refuses a body that is not an object', async () => {
    const res = await t.http.post('/v1/probe').send([1, 2]);
    expect(res.status).toBe(400);
  });

  it('answers a body over 1 MB with 413', async () => {
    const res = await t.http
      .post('/v1/probe')
      .set('content-type', 'application/json')
      .send(`{"name":"${'x'.repeat(1_100_000)}","count":1}`);
    expectProblem(res, 413, 'payload_too_large');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.http.post('/v1/probe').set('content-type', 'text/csv').send('a,b');
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('answers an unknown route with 404 route_not_found', async () => {
    const res = await t.http.get('/v1/no-such-thing');
    expectProblem(res, 404, 'route_not_found');
  });

  it('answers an unexpected error with 500 and only the requestId', async () => {
    const res = await t.http.get('/v1/probe/boom').set('x-request-id', 'trace-123');
    expectProblem(res, 500, 'internal_error');
    expect(res.body.requestId).toBe('trace-123');
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(res.body).not.toHaveProperty('detail');
  });

  it('echoes a given X-Request-Id and makes one up otherwise', async () => {
    expect((await t.http.get('/health/live').set('x-request-id', 'abc-1')).headers['x-request-id']).toBe('abc-1');
    expect((await t.http.get('/health/live')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.http.get('/health/live').set('x-request-id', 'bad id with spaces')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the security headers and a request id on answers and on refusals alike', async () => {
    for (const res of [
      await t.http.get('/health/live'),
      await t.http.get('/v1/no-such-route'),
      await t.http.post('/v1/buyers').set('content-type', 'application/json').send('{"broken'),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
          "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline'",
      );
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
