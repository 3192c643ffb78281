import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { isDatabaseUnavailable } from '../../database/connection-errors';
import { DomainError } from './domain-error';
import type { ErrorCode } from './error-codes';
import { problem, type Problem } from './problem';

/** Fastify's own errors (body parsing, limits) carry a code and a statusCode. */
const FASTIFY_CODES: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json', 'The body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json', 'The body is empty but Content-Type is application/json.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'The body is larger than 1 MB.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'malformed_json', 'Content-Length does not match the body.'],
};

const GENERIC_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'route_not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * Maps anything thrown to a problem. `unexpected` is true when the error is a bug or an outage:
 * the caller logs it in full and the client sees only the requestId.
 */
export function toProblem(error: unknown, requestId: string): { body: Problem; unexpected: boolean } {
  if (error instanceof DomainError) {
    const extra = 'extra' in error && error.extra ? (error.extra as Record<string, unknown>) : {};
    return { body: { ...problem(error.status, error.code, requestId, error.message, error.errors), ...extra }, unexpected: false };
  }
  const outage = databaseOutage(error, requestId);
  if (outage) return outage;
  if (error instanceof ThrottlerException) {
    return { body: problem(429, 'rate_limited', requestId, 'Too many requests; retry after Retry-After seconds.'), unexpected: false };
  }
  // Nest wraps Fastify's own 4xx errors (body parsing, size limit) in an HttpException.
  const cause = error instanceof HttpException ? error.cause : undefined;
  const fastifyError = cause && typeof (cause as { code?: unknown }).code === 'string' ? cause : error;
  const fastifyCode =
    typeof (fastifyError as { code?: unknown })?.code === 'string' ? FASTIFY_CODES[(fastifyError as { code: string }).code] : undefined;
  if (fastifyCode) {
    const [status, code, detail] = fastifyCode;
    return { body: problem(status, code, requestId, detail), unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      const code = GENERIC_CODES[status] ?? 'validation_failed';
      const detail = status === 404 ? 'No such route.' : error.message;
      return { body: problem(status, code, requestId, detail), unexpected: false };
    }
  }
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const detail = error instanceof SyntaxError ? 'The body is not valid JSON.' : 'The request could not be processed.';
    const code = error instanceof SyntaxError ? 'malformed_json' : (GENERIC_CODES[statusCode] ?? 'validation_failed');
    return { body: problem(statusCode, code, requestId, detail), unexpected: false };
  }
  return { body: problem(500, 'internal_error', requestId), unexpected: true };
}

/**
 * A refused, cut or killed database connection is an outage, not a bug: 503 with Retry-After (set
 * by the filter for every 503), so the client retries, instead of a 500.
 */
function databaseOutage(error: unknown, requestId: string): { body: Problem; unexpected: boolean } | null {
  if (!isDatabaseUnavailable(error)) return null;
  return {
    body: problem(503, 'service_unavailable', requestId, 'The database is unreachable; retry after Retry-After seconds.'),
    unexpected: false,
  };
}
