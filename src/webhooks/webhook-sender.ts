import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { isPublicAddress } from './address-policy';
import { publicOnlyLookup, urlHost } from './url-policy';

export interface Signing {
  secret: string;
  /** The rotated-out secret, while it still signs (24 h). */
  previousSecret: string | null;
}

export interface SendOutcome {
  ok: boolean;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
}

/** Standard Webhooks signature header: one `v1,…` per secret, space-separated during a rotation. */
export function signatures(signing: Signing, id: string, timestamp: Date, body: string): string {
  return [signing.secret, signing.previousSecret]
    .filter((s): s is string => !!s)
    .map((s) => new Webhook(s).sign(id, timestamp, body))
    .join(' ');
}

const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * One attempt: POST the body with the Standard Webhooks headers; success is a 2xx within
 * `timeoutMs` (connection, request and response together). Redirects are not followed (a 3xx is a
 * failure). Without `allowPrivate`, an address that is not public is refused before connecting.
 */
export function send(input: {
  url: string;
  id: string;
  body: string;
  signing: Signing;
  timeoutMs: number;
  allowPrivate: boolean;
}): Promise<SendOutcome> {
  const started = performance.now();
  const done = (ok: boolean, responseStatus: number | null, error: string | null): SendOutcome => ({
    ok,
    responseStatus,
    durationMs: Math.round(performance.now() - started),
    error: error?.slice(0, 500) ?? null,
  });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      return resolve(done(false, null, 'invalid URL'));
    }
    const host = urlHost(url);
    if (!input.allowPrivate && (url.protocol !== 'https:' || (isIP(host) && !isPublicAddress(host)))) {
      return resolve(
        done(false, null, `webhook_url_not_allowed: ${url.protocol === 'https:' ? `${host} is not a public address` : 'not https'}`),
      );
    }
    const timestamp = new Date();
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      agent: url.protocol === 'https:' ? agents.https : agents.http,
      lookup: input.allowPrivate ? undefined : publicOnlyLookup,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'blm-webhooks/1',
        'webhook-id': input.id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signatures(input.signing, input.id, timestamp, input.body),
      },
    });
    let settled = false;
    const timer = setTimeout(() => {
      finish(done(false, null, `timed out: no answer within ${input.timeoutMs} ms`));
      request.destroy();
    }, input.timeoutMs);
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    request.on('error', (error: Error & { code?: string }) =>
      finish(done(false, null, error.code === 'webhook_url_not_allowed' ? `webhook_url_not_allowed: ${error.message}` : error.message)),
    );
    request.on('response', (response) => {
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) response.destroy();
      });
      response.on('error', (error) => finish(done(false, response.statusCode ?? null, error.message)));
      const status = response.statusCode ?? 0;
      const close = () => {
        if (!response.complete && read <= MAX_RESPONSE_BYTES) return finish(done(false, status, 'the response was cut off'));
        const ok = status >= 200 && status < 300;
        finish(
          done(
            ok,
            status,
            ok ? null : status >= 300 && status < 400 ? `redirect to ${response.headers.location ?? '?'} not followed` : `HTTP ${status}`,
          ),
        );
      };
      response.on('end', close);
      response.on('close', close);
    });
    request.end(input.body);
  });
}
