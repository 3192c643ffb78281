import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { ErrorCode } from './error-codes';
import { problem } from './problem';

/**
 * The errors the HTTP layer makes itself (Fastify's router, Node's parser, the CORS plugin) answer
 * problem+json with an X-Request-Id like every other error (SPEC §1).
 */

export const MAX_PARAM_LENGTH = 100;

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, detail: string): void {
  void reply
    .code(status)
    .header('content-type', PROBLEM_TYPE)
    .header('x-request-id', request.id)
    .send(problem(status, code, String(request.id), detail));
}

/** Router errors, raised before a route matches. */
const FRAMEWORK_ERRORS: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_BAD_URL: [400, 'malformed_url', 'The URL is not valid: check its percent-encoding.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri_too_long', `A path parameter is longer than ${MAX_PARAM_LENGTH} characters.`],
};

/** Node's HTTP parser errors, answered on the raw socket: there is no request yet. */
function clientErrorProblem(code: string | undefined): [number, ErrorCode, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'headers_too_large', 'The request headers are larger than 16 KB.'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'request_timeout', 'The request was not received in time.'];
  return [400, 'malformed_request', 'The HTTP request could not be parsed.'];
}

/** Fastify server options: spread them into the adapter's options. */
export function httpLayerOptions(): Pick<
  FastifyServerOptions,
  'routerOptions' | 'frameworkErrors' | 'clientErrorHandler' | 'return503OnClosing'
> {
  return {
    // Fastify's own 503 while closing is plain JSON; installHttpErrorHandling answers it instead.
    return503OnClosing: false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: (error, request, reply) => {
      const [status, code, detail] = FRAMEWORK_ERRORS[error.code] ?? [400, 'malformed_url', 'The URL cannot be routed.'];
      sendProblem(request, reply, status, code, detail);
    },
    clientErrorHandler: function (this: FastifyInstance, error: Error & { code?: string }, socket: Duplex) {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, code, detail] = clientErrorProblem(error.code);
      const requestId = randomUUID();
      const body = JSON.stringify(problem(status, code, requestId, detail));
      this.log.info({ requestId, status, code, err: error.code }, 'client error');
      // Not in the middle of a response already written on this (keep-alive) connection.
      const busy = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
      if (socket.writable && !busy) {
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
            `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
  };
}

const list = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');

/**
 * Whether the CORS plugin's answer to an OPTIONS request refuses it: a malformed preflight (no
 * Origin or Access-Control-Request-Method), or an origin, method or header it does not allow.
 */
function preflightRefusal(request: FastifyRequest, reply: FastifyReply): [number, ErrorCode, string] | null {
  const origin = request.headers.origin;
  const method = request.headers['access-control-request-method'];
  if (!origin || !method) {
    return reply.statusCode === 400
      ? [400, 'invalid_preflight', 'A CORS preflight needs Origin and Access-Control-Request-Method headers.']
      : null;
  }
  if (reply.statusCode >= 300) return null;
  const allowOrigin = reply.getHeader('access-control-allow-origin');
  const allowMethods = reply.getHeader('access-control-allow-methods');
  const allowHeaders = reply.getHeader('access-control-allow-headers');
  const refused = (what: string) => [403, 'cors_refused', `CORS does not allow ${what}.`] as [number, ErrorCode, string];
  if (allowOrigin !== '*' && allowOrigin !== origin) return refused(`the origin ${origin}`);
  if (allowMethods !== undefined && !list(allowMethods).includes(String(method).toLowerCase())) return refused(`the method ${method}`);
  const allowed = list(allowHeaders);
  const denied = list(request.headers['access-control-request-headers']).filter((h) => !allowed.includes(h));
  if (allowHeaders !== undefined && !allowed.includes('*') && denied.length > 0) return refused(`the header(s) ${denied.join(', ')}`);
  return null;
}

/**
 * Hooks on the Fastify instance; call before CORS is enabled. They also carry graceful shutdown
 * (SPEC §8): once the server closes, every response still being made carries `Connection: close`,
 * so its keep-alive socket closes when the answer is sent (otherwise the server's close waits for
 * the socket's keep-alive timeout, far past SHUTDOWN_TIMEOUT_MS; idle sockets are closed by the
 * close itself), and requests that still arrive get a 503 problem+json.
 */
export function installHttpErrorHandling(fastify: FastifyInstance): void {
  // Requests that still arrive while the server drains (pipelined, or on a busy keep-alive socket).
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    void reply.header('retry-after', '1');
    sendProblem(request, reply, 503, 'service_unavailable', 'The server is shutting down; retry on another instance.');
    return reply;
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (closing && request.raw.httpVersionMajor < 2) void reply.header('connection', 'close');
    if (request.method !== 'OPTIONS') return payload;
    const refusal = preflightRefusal(request, reply);
    if (!refusal) return payload;
    const [status, code, detail] = refusal;
    for (const name of Object.keys(reply.getHeaders()))
      if (name.startsWith('access-control-') || name === 'content-length') reply.removeHeader(name);
    void reply.code(status).header('content-type', PROBLEM_TYPE);
    return JSON.stringify(problem(status, code, String(request.id), detail));
  });
}
