import { connect } from 'node:net';
import { createTestApp, type TestApp } from '../support/test-app';

function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('end', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('error', reject);
    setTimeout(() => { s.destroy(); resolve(out); }, 2000);
  });
}

describe('probe', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(() => t.close());
  it('probes', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as { port: number }).port;
    const reqs: Record<string, string> = {
      badurl: 'GET /v1/buyers/% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      longparam: `GET /v1/buyers/${'a'.repeat(200)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      bigheader: `GET /v1/buyers HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\nConnection: close\r\n\r\n`,
      preflightNoOrigin: 'OPTIONS /v1/buyers HTTP/1.1\r\nHost: x\r\nAccess-Control-Request-Method: GET\r\nConnection: close\r\n\r\n',
      preflightOrigin: 'OPTIONS /v1/buyers HTTP/1.1\r\nHost: x\r\nOrigin: http://evil.example\r\nAccess-Control-Request-Method: GET\r\nConnection: close\r\n\r\n',
      optionsPlain: 'OPTIONS /v1/buyers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      notfound: 'GET /v1/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      method: 'PURGE /v1/buyers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      method2: 'DELETE /v1/buyers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      garbage: 'HELLO\r\n\r\n',
      latin1: 'POST /v1/buyers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=latin1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
      nul: 'POST /v1/buyers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{"companyName":"a\\u0000b","country":"GB"}',
      nulq: 'GET /v1/buyers?cursor=%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    };
    for (const [name, text] of Object.entries(reqs)) {
      const out = await raw(port, text);
      console.log(name, '\n', out.slice(0, 700));
    }
  });
});
