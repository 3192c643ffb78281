import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { InvalidInputError, UnsupportedMediaTypeError, type FieldError } from './errors/domain-error';
import { checkStorableInput, MAX_JSON_DEPTH } from './storable-input';

/** Flattens class-validator's tree into `{ field: "pieces[0].weightKg", message }` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent === '' ? error.property : isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, message: message.replace(/^property (\S+) should not exist$/, 'unknown field: not accepted here') });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** Unknown fields are refused, not ignored (SPEC §1): whitelist + forbidNonWhitelisted. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new InvalidInputError('The request is invalid; see errors.', flattenValidationErrors(errors)),
  });
}

/** `charset` of a Content-Type header, lower case, or null when none is given. */
function charsetOf(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return match ? match[1].toLowerCase() : null;
}

/**
 * The global input rules, ahead of every route (SPEC §1). The only body the API reads is JSON in
 * UTF-8 (anything else is 415); then, before guards, pipes or class-transformer see anything, one
 * pass over body, query and path parameters refuses nesting deeper than 32 levels (400
 * `malformed_json`) and text PostgreSQL cannot store (400 `validation_failed` naming each field).
 */
export function installInputRules(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
      done(new UnsupportedMediaTypeError(`The charset "${charset}" is not supported: send application/json in UTF-8.`), undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });
  fastify.addHook('preValidation', async (request) => {
    const body = checkStorableInput(request.body);
    if (body.tooDeep)
      throw new InvalidInputError(`The body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels.`, undefined, 'malformed_json');
    const errors = [...body.errors, ...checkStorableInput(request.query).errors, ...checkStorableInput(request.params).errors];
    if (errors.length > 0) throw new InvalidInputError('The request holds text that cannot be stored; see errors.', errors);
  });
}
