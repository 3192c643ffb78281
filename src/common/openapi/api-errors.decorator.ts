import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { describeErrorCode } from '../errors/error-codes';

/** Codes that any authenticated route can answer with (503: the database is unreachable, SPEC §8). */
const AUTHENTICATED = ['unauthenticated', 'rate_limited', 'internal_error', 'service_unavailable'];
const ANY = ['validation_failed', 'rate_limited', 'internal_error', 'service_unavailable'];

/**
 * Documents the problem+json answers of a route: one response per status, listing the stable codes
 * it can carry (also as `x-error-codes`), so partners can switch on `code`.
 */
export function ApiErrors(...codes: string[]): MethodDecorator & ClassDecorator {
  return buildErrors([...AUTHENTICATED, ...codes]);
}

/** As ApiErrors, for routes that need no API key. */
export function ApiPublicErrors(...codes: string[]): MethodDecorator & ClassDecorator {
  return buildErrors([...ANY, ...codes]);
}

function buildErrors(codes: string[]) {
  const byStatus = new Map<number, string[]>();
  for (const code of new Set(codes)) {
    const [status] = describeErrorCode(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const decorators = [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, list]) =>
      ApiResponse({
        status,
        description: list.map((code) => `\`${code}\`: ${describeErrorCode(code)[1]}`).join('\n\n'),
        content: {
          'application/problem+json': {
            schema: { allOf: [{ $ref: getSchemaPath('ProblemDto') }] },
            example: { code: list[0], status },
          },
        },
      }),
    );
  return applyDecorators(ApiExtension('x-error-codes', [...new Set(codes)].sort()), ...decorators);
}
