/**
 * Errors thrown below the controllers. Each carries a stable snake_case `code` (listed in the
 * OpenAPI document); the global ProblemFilter maps the class to an HTTP status. Nothing below a
 * controller throws an HttpException.
 */
export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
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
  constructor(message: string, errors?: FieldError[], code = 'validation_failed') {
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
  constructor(what: string, code = 'not_found') {
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
}

/** 422: well-formed, but a business rule refuses it. */
export class BusinessRuleError extends DomainError {
  readonly status = 422;
  constructor(code: string, message: string, errors?: FieldError[], readonly extra?: Record<string, unknown>) {
    super(code, message, errors);
  }
}
