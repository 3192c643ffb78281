import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { laneBody } from '../providers/fixtures';
import { createTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app';

/**
 * CORS as a browser enforces it (SPEC §1): headless Chromium on a page from another origin calls the
 * API with a bearer key and every method, and reads the exposed headers. CI installs Debian's
 * `chromium`; only where none exists does this skip.
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) process.stdout.write(`cors.browser.spec: SKIPPED, no Chromium at ${CHROMIUM} (apt-get install chromium)\n`);

/** A page server on its own loopback port: its origin is not the API's. */
async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>front-end</title>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface Answer {
  status: number;
  requestId: string | null;
  body: Record<string, unknown> | null;
}

/** One fetch from inside the page, as a front-end makes it. */
function call(
  page: Page,
  api: string,
  method: string,
  path: string,
  key: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return page.evaluate(
    async ({ url, method, key, body, headers }) => {
      const res = await fetch(url, {
        method,
        headers: {
          ...(key ? { Authorization: `Bearer ${key}` } : {}),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, requestId: res.headers.get('X-Request-Id'), body: text ? JSON.parse(text) : null };
    },
    { url: `${api}${path}`, method, key, body, headers },
  );
}

(haveChromium ? describe : describe.skip)('CORS in a real browser (SPEC §1)', () => {
  let t: TestApp;
  let api: string;
  let browser: Browser;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };

  beforeAll(async () => {
    [allowed, other] = await Promise.all([pageServer(), pageServer()]);
    t = await createTestApp({ config: { corsOrigins: [allowed.origin] } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    api = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    allowed?.server.close();
    other?.server.close();
  });

  const open = async (origin: string) => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    return page;
  };

  it('lets a page on an allowed origin GET, POST, PUT, PATCH and DELETE with a bearer key and read X-Request-Id', async () => {
    const page = await open(allowed.origin);
    const registered = await call(page, api, 'POST', '/v1/providers', null, { legalName: 'Browser Freight Co.', country: 'CN' });
    expect(registered.status).toBe(201);
    const provider = registered.body as { provider: { id: string }; apiKey: string };

    const me = await call(page, api, 'GET', '/v1/me', provider.apiKey, undefined, { 'X-Request-Id': 'browser-get-1' });
    expect(me).toMatchObject({ status: 200, requestId: 'browser-get-1', body: { role: 'provider', subjectId: provider.provider.id } });

    const lane = await call(page, api, 'POST', `/v1/providers/${provider.provider.id}/lanes`, provider.apiKey, laneBody(), {
      'Idempotency-Key': 'browser-lane-1',
    });
    expect(lane.status).toBe(201);
    const laneId = (lane.body as { id: string }).id;

    const patched = await call(page, api, 'PATCH', `/v1/lanes/${laneId}`, provider.apiKey, { handlingDays: 2 });
    expect(patched).toMatchObject({ status: 200, body: { id: laneId, handlingDays: 2 } });
    expect(patched.requestId).toMatch(/^[0-9a-f-]{36}$/);

    // A refused policy: the PUT reached the server and the page reads its problem and request id.
    const put = await call(page, api, 'PUT', '/v1/tiers/policy', TEST_ADMIN_KEY, { tiers: 'none' });
    expect(put).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect((put.body as { requestId: string }).requestId).toBe(put.requestId);

    const deleted = await call(page, api, 'DELETE', `/v1/lanes/${laneId}`, provider.apiKey);
    expect(deleted.status).toBe(204);
    expect(deleted.requestId).toEqual(expect.any(String));
    const lanes = await t.http.get(`/v1/providers/${provider.provider.id}/lanes`).set(t.admin);
    expect(lanes.body.data).toEqual([expect.objectContaining({ id: laneId, handlingDays: 2, active: false })]);
    await page.close();
  });

  it('refuses a page on another origin: the browser blocks the call and the page cannot read the answer', async () => {
    const page = await open(other.origin);
    const blocked = await page.evaluate(async (url) => {
      try {
        await fetch(url, { headers: { Authorization: 'Bearer anything' } });
        return 'read';
      } catch (error) {
        return (error as Error).name;
      }
    }, `${api}/v1/me`);
    expect(blocked).toBe('TypeError');
    await page.close();
  });
});
