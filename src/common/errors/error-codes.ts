/**
 * Every stable error code the API answers with, and its meaning. The OpenAPI document lists the
 * codes each route can return (see ApiErrors) from this table.
 */
export const ERROR_CODES = {
  validation_failed: [400, 'The request body, query or path failed validation; see `errors`.'],
  malformed_json: [400, 'The body is not valid JSON.'],
  malformed_url: [400, 'The URL is not valid (e.g. a bad percent-encoding).'],
  malformed_request: [400, 'The HTTP request could not be parsed.'],
  invalid_preflight: [400, 'A CORS preflight needs Origin and Access-Control-Request-Method.'],
  invalid_cursor: [400, 'The pagination cursor is not one this API issued.'],
  as_of_in_future: [400, 'A sweep’s `asOf` is more than 5 minutes ahead of the server’s clock (allowed only with SWEEPS_ALLOW_FUTURE_AS_OF).'],
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
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Lets each domain module register its own codes next to its rules. */
const registry = new Map<string, readonly [number, string]>(Object.entries(ERROR_CODES));

export function registerErrorCodes(codes: Record<string, readonly [number, string]>): void {
  for (const [code, entry] of Object.entries(codes)) registry.set(code, entry);
}

export function describeErrorCode(code: string): readonly [number, string] {
  const entry = registry.get(code);
  if (!entry) throw new Error(`unregistered error code ${code}`);
  return entry;
}

/** Every code registered so far (the OpenAPI document's `code` enum). */
export function registeredErrorCodes(): string[] {
  return [...registry.keys()];
}
