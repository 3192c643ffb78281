import type { ErrorCode, ErrorCodeOf } from './error-codes';

/**
 * Errors thrown below the controllers. Each carries a stable snake_case `code` from the one
 * registry (`error-codes.ts`, listed in the OpenAPI document): a code that is not there does not
 * compile, and each class takes only the codes of its own status. The global ProblemFilter maps
 * the class to an HTTP status. Nothing below a controller throws an HttpException.
 */
export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: malformed or invalid input. */
export class InvalidInputError extends DomainError {
  readonly status = 400;
  constructor(message: string, errors?: FieldError[], code: ErrorCodeOf<400> = 'validation_failed') {
    super(code, message, errors);
  }
}

/** 401: missing or invalid API key. */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  constructor(message = 'A valid API key is required: send Authorization: Bearer <key>.') {
    super('unauthenticated', message);
  }
}

/** 403: the caller's role may not do this. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(message = 'This API key’s role may not perform this action.') {
    super('forbidden', message);
  }
}

/** 404: not found, or not the caller's (the two are indistinguishable on purpose). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(what: string, code: ErrorCodeOf<404> = 'not_found') {
    super(code, `${what} was not found.`);
  }
}

/** 415: the body is not in a media type (or charset) the API reads. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  constructor(message: string) {
    super('unsupported_media_type', message);
  }
}

/** 409: the resource's current state does not allow this. */
export class ConflictError extends DomainError {
  readonly status = 409;
  constructor(code: ErrorCodeOf<409>, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}

/** 422: well-formed, but a business rule refuses it. */
export class BusinessRuleError extends DomainError {
  readonly status = 422;
  constructor(
    code: ErrorCodeOf<422>,
    message: string,
    errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(code, message, errors);
  }
}
