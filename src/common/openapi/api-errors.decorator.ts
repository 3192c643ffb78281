import { SetMetadata } from '@nestjs/common';
import type { ErrorCode } from '../errors/error-codes';

export const API_ERRORS_KEY = 'openapi:error-codes';

/**
 * Declares the domain error codes a route can answer with (`not_found`, `lane_duplicate`, …). The
 * document adds the codes every route shares from what the route's metadata says (input validation,
 * API key, roles, idempotency, rate limits, outages): see `src/openapi/operation-errors.ts`.
 */
export const ApiErrors = (...codes: ErrorCode[]) => SetMetadata(API_ERRORS_KEY, codes);

/** The same as ApiErrors: whether a route needs a key is read from @Public(). */
export const ApiPublicErrors = ApiErrors;
