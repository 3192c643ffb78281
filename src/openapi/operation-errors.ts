import type { ErrorCode } from '../common/errors/error-codes';
import type { RouteFacts } from './route-facts';

/** Methods whose body Fastify parses: a bad one is refused before any handler runs. */
const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Codes the HTTP layer answers for requests that reach no operation (no such path or method, a CORS
 * preflight). Listed once, in the document's description and the `code` enum.
 */
const HTTP_LAYER_CODES: readonly ErrorCode[] = ['route_not_found', 'method_not_allowed', 'invalid_preflight', 'cors_refused'];

export const httpLayerCodes = (): ErrorCode[] => [...HTTP_LAYER_CODES];

/**
 * Codes the HTTP layer answers before the route runs (the URL, the headers, the time taken), so
 * any operation can answer them; documented on each (with the HTTP layer's codes).
 */
const BEFORE_ROUTE_CODES: readonly ErrorCode[] = ['malformed_url', 'malformed_request', 'request_timeout', 'headers_too_large'];
const PATH_PARAMETER_CODES: readonly ErrorCode[] = ['uri_too_long'];

/**
 * Every code one operation can answer with, derived in one place from what its guards, pipes and
 * interceptors do, plus the domain codes the route declares. The contract test holds the server to it.
 */
export function operationErrorCodes(method: string, path: string, hasCursor: boolean, facts: RouteFacts): ErrorCode[] {
  const codes = new Set<ErrorCode>(['internal_error', 'service_unavailable']);
  for (const code of [...BEFORE_ROUTE_CODES, ...(path.includes('{') ? PATH_PARAMETER_CODES : [])]) codes.add(code);
  if (facts.throttled) codes.add('rate_limited');
  if (!facts.public) codes.add('unauthenticated');
  if (facts.roles) codes.add('forbidden');
  if (facts.validatesInput) codes.add('validation_failed');
  if (BODY_METHODS.has(method))
    for (const code of ['malformed_json', 'payload_too_large', 'unsupported_media_type'] as const) codes.add(code);
  if (hasCursor) codes.add('invalid_cursor');
  if (facts.idempotent)
    for (const code of ['idempotency_key_missing', 'idempotency_key_reused', 'idempotency_key_in_use'] as const) codes.add(code);
  for (const code of facts.declaredCodes) codes.add(code);
  return [...codes].sort();
}
