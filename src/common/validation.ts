import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInputError, type FieldError } from './errors/domain-error';

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
