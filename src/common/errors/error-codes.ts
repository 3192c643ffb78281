import { BUYER_ERROR_CODES } from '../../buyers/buyers.errors';
import { ORDER_ERROR_CODES } from '../../orders/orders.errors';
import { PROVIDER_ERROR_CODES } from '../../providers/providers.errors';
import { QUOTE_ERROR_CODES } from '../../quotes/quotes.errors';
import { WEBHOOK_ERROR_CODES } from '../../webhooks/webhooks.errors';
import type { ErrorDefinitions } from './error-definitions';

/** The codes every module shares (input, keys, roles, the HTTP layer, outages). */
export const COMMON_ERROR_CODES = {
  validation_failed: [400, 'The request body, query or path failed validation; see `errors`.'],
  malformed_json: [400, 'The body is not valid JSON.'],
  malformed_url: [400, 'The URL is not valid (e.g. a bad percent-encoding).'],
  malformed_request: [400, 'The HTTP request could not be parsed.'],
  invalid_preflight: [400, 'A CORS preflight needs Origin and Access-Control-Request-Method.'],
  invalid_cursor: [400, 'The pagination cursor is not one this API issued.'],
  as_of_in_future: [
    400,
    'A sweep’s `asOf` is more than 5 minutes ahead of the server’s clock (allowed only with SWEEPS_ALLOW_FUTURE_AS_OF).',
  ],
  idempotency_key_missing: [400, 'This route requires an Idempotency-Key header (1–255 characters).'],
  unauthenticated: [401, 'Missing, unknown or revoked API key.'],
  forbidden: [403, 'The API key’s role may not perform this action.'],
  cors_refused: [403, 'CORS refuses this origin, method or header.'],
  not_found: [404, 'Not found, or not yours.'],
  route_not_found: [404, 'No such route.'],
  method_not_allowed: [405, 'The route does not accept this method.'],
  request_timeout: [408, 'The request was not received in time.'],
  idempotency_key_in_use: [409, 'Another request with this Idempotency-Key is still running.'],
  payload_too_large: [413, 'The body is larger than 1 MB.'],
  uri_too_long: [414, 'A path parameter is longer than 100 characters.'],
  unsupported_media_type: [415, 'Send application/json in UTF-8.'],
  idempotency_key_reused: [422, 'This Idempotency-Key was used with a different request body.'],
  headers_too_large: [431, 'The request headers are larger than the server accepts (16 KB).'],
  rate_limited: [429, 'Too many requests; retry after the number of seconds in Retry-After.'],
  internal_error: [500, 'An unexpected error; quote the requestId to support.'],
  service_unavailable: [503, 'The database is unreachable (or migrations are pending); retry after the number of seconds in Retry-After.'],
} as const satisfies ErrorDefinitions;

/**
 * Every stable error code the API answers with, and its meaning: the one registry. Composed
 * statically from the modules' tables, so `ErrorCode` is the union of them all and a code that is
 * in none of them does not compile; the OpenAPI document lists the codes each route can return
 * (see ApiErrors) from this table. A code defined in two tables fails a test (error-codes.spec.ts).
 */
export const ERROR_REGISTRY = {
  ...COMMON_ERROR_CODES,
  ...BUYER_ERROR_CODES,
  ...PROVIDER_ERROR_CODES,
  ...QUOTE_ERROR_CODES,
  ...WEBHOOK_ERROR_CODES,
  ...ORDER_ERROR_CODES,
} as const satisfies ErrorDefinitions;

/** The module tables the registry is made of (a test checks that none repeats another's code). */
export const ERROR_TABLES: readonly ErrorDefinitions[] = [
  COMMON_ERROR_CODES,
  BUYER_ERROR_CODES,
  PROVIDER_ERROR_CODES,
  QUOTE_ERROR_CODES,
  WEBHOOK_ERROR_CODES,
  ORDER_ERROR_CODES,
];

export type ErrorCode = keyof typeof ERROR_REGISTRY;

/** The codes answered with one HTTP status (e.g. `ErrorCodeOf<409>`), so each error class takes only its own. */
export type ErrorCodeOf<S extends number> = { [C in ErrorCode]: (typeof ERROR_REGISTRY)[C][0] extends S ? C : never }[ErrorCode];

export function describeErrorCode(code: ErrorCode): readonly [status: number, meaning: string] {
  return ERROR_REGISTRY[code];
}

/** Every code of the registry (the OpenAPI document's `code` enum). */
export function registeredErrorCodes(): ErrorCode[] {
  return Object.keys(ERROR_REGISTRY) as ErrorCode[];
}
