import { connect } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import { Public } from '../../src/common/auth/decorators';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * SPEC §1: the errors the HTTP layer makes itself (Fastify's router, Node's HTTP parser, CORS) are
 * problem+json with an X-Request-Id too. Sent over a raw socket: supertest cannot send a bad URL or
 * a 20 KB header.
 */
interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
}

function raw(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error('no answer within 5 s')), 5000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = rest.join('\r\n\r\n');
      try {
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body: body ? JSON.parse(body) : null });
      } catch {
        reject(new Error(`not JSON: ${text.slice(0, 300)}`));
      }
    });
  });
}

const request = (line: string, headers: string[] = []) => [line, 'Host: localhost', ...headers, 'Connection: close', '', ''].join('\r\n');

function expectProblem(res: RawResponse, status: number, code: string): void {
  expect({ status: res.status, type: res.headers['content-type'], code: res.body?.code, bodyStatus: res.body?.status }).toEqual({
    status,
    type: 'application/problem+json; charset=utf-8',
    code,
    bodyStatus: status,
  });
  expect(res.headers['x-request-id']).toMatch(/^[\w.:-]{1,128}$/);
  expect(res.body?.requestId).toBe(res.headers['x-request-id']);
}

describe('the HTTP layer answers its own errors with problem+json and X-Request-Id (SPEC §1)', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({ config: { corsOrigins: ['https://app.example'] } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => t.close());

  it('bad URL encoding → 400 malformed_url, keeping the X-Request-Id sent', async () => {
    const res = await raw(port, request('GET /v1/buyers/% HTTP/1.1', ['X-Request-Id: trace-bad-url']));
    expectProblem(res, 400, 'malformed_url');
    expect(res.headers['x-request-id']).toBe('trace-bad-url');
  });

  it('a path parameter over 100 characters → 414 uri_too_long', async () => {
    expectProblem(await raw(port, request(`GET /v1/buyers/${'a'.repeat(101)} HTTP/1.1`)), 414, 'uri_too_long');
  });

  it('20 KB of headers → 431 headers_too_large, from Node’s parser', async () => {
    expectProblem(await raw(port, request('GET /v1/buyers HTTP/1.1', [`X-Padding: ${'a'.repeat(20_000)}`])), 431, 'headers_too_large');
  });

  it('a request that is not HTTP → 400 malformed_request', async () => {
    expectProblem(await raw(port, 'HELLO THERE\r\n\r\n'), 400, 'malformed_request');
  });

  it('an unknown route → 404 route_not_found', async () => {
    expectProblem(await raw(port, request('GET /v1/no-such-route HTTP/1.1')), 404, 'route_not_found');
  });

  it('a body that is not JSON → 415 unsupported_media_type', async () => {
    const body = 'companyName=Acme&country=GB';
    const res = await raw(
      port,
      request('POST /v1/buyers HTTP/1.1', ['Content-Type: application/x-www-form-urlencoded', `Content-Length: ${body.length}`]) + body,
    );
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('a preflight without Origin or Access-Control-Request-Method → 400 invalid_preflight', async () => {
    expectProblem(
      await raw(port, request('OPTIONS /v1/buyers HTTP/1.1', ['Access-Control-Request-Method: GET'])),
      400,
      'invalid_preflight',
    );
    expectProblem(await raw(port, request('OPTIONS /v1/buyers HTTP/1.1', ['Origin: https://app.example'])), 400, 'invalid_preflight');
  });

  it.each([
    ['an origin not allowed', ['Origin: https://evil.example', 'Access-Control-Request-Method: GET']],
    ['a method not allowed', ['Origin: https://app.example', 'Access-Control-Request-Method: PURGE']],
    [
      'a header not allowed',
      ['Origin: https://app.example', 'Access-Control-Request-Method: GET', 'Access-Control-Request-Headers: authorization, x-evil'],
    ],
  ])('a preflight with %s → 403 cors_refused', async (_what, headers) => {
    const res = await raw(port, request('OPTIONS /v1/buyers HTTP/1.1', headers));
    expectProblem(res, 403, 'cors_refused');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a preflight from an allowed origin is still answered 204', async () => {
    const res = await raw(
      port,
      request('OPTIONS /v1/buyers HTTP/1.1', [
        'Origin: https://app.example',
        'Access-Control-Request-Method: POST',
        'Access-Control-Request-Headers: authorization, content-type',
      ]),
    );
    expect({ status: res.status, origin: res.headers['access-control-allow-origin'] }).toEqual({
      status: 204,
      origin: 'https://app.example',
    });
  });
});

/** A route that answers when the test says so, to keep a request in flight while the server closes. */
function latch() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const gate = { entered: latch(), release: latch() };

@Controller('probe')
@Public()
class SlowController {
  @Get('slow')
  async slow() {
    gate.entered.resolve();
    await gate.release.promise;
    return { done: true };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

describe('a request arriving while the server drains', () => {
  it('is answered 503 service_unavailable problem+json with Retry-After and X-Request-Id', async () => {
    const t = await createTestApp({ extraModules: [SlowModule] });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.getHttpServer().address() as { port: number }).port;
    // One request in flight keeps the server draining; a slow client is halfway through its headers.
    const inFlight = raw(port, request('GET /v1/probe/slow HTTP/1.1'));
    await gate.entered.promise;
    const slow = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    slow.on('data', (chunk) => chunks.push(chunk));
    const ended = new Promise((resolve) => slow.on('close', resolve));
    await new Promise<void>((resolve) => slow.write('GET /v1/buyers HTTP/1.1\r\nHost: localhost\r\n', () => resolve()));
    await new Promise((r) => setTimeout(r, 50));
    const closed = t.app.close();
    for (let i = 0; i < 200 && t.app.getHttpServer().listening; i++) await new Promise((r) => setTimeout(r, 10));
    slow.write('X-Request-Id: trace-draining\r\n\r\n');
    await ended;
    gate.release.resolve();
    await Promise.all([inFlight, closed]);
    const [head, body] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1.1 503/);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(head).toMatch(/retry-after: 1/i);
    expect(head).toMatch(/x-request-id: trace-draining/i);
    expect(JSON.parse(body)).toMatchObject({ status: 503, code: 'service_unavailable', requestId: 'trace-draining' });
  });
});
