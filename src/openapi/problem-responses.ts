import type { ExampleObject, HeaderObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { describeErrorCode, registeredErrorCodes, type ErrorCode } from '../common/errors/error-codes';
import { problem } from '../common/errors/problem';

const EXAMPLE_REQUEST_ID = '5f0c4b4e-8d1c-4c43-9a55-2f1f9c1b7f10';

export const PROBLEM_SCHEMA_REF = '#/components/schemas/ProblemDto';

type HeaderName = 'X-Request-Id' | 'Retry-After' | 'Idempotent-Replayed';

/** Response headers, by the name components.headers gives them. */
export const HEADERS: Record<HeaderName, HeaderObject> = {
  'X-Request-Id': {
    description:
      'The request id: the one sent in X-Request-Id when it was 1–128 word characters, `.`, `:` or `-`; otherwise a new UUID. Quote it to support.',
    schema: { type: 'string', maxLength: 128 },
  },
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } },
  'Idempotent-Replayed': {
    description: 'Present (`true`) when this is the stored first response to the same Idempotency-Key and body, replayed.',
    schema: { type: 'string', enum: ['true'] },
  },
};

const header = (name: HeaderName) => ({ $ref: `#/components/headers/${name}` });

/** Statuses whose answer is stored for an Idempotency-Key and replayed (the interceptor keeps these). */
const NOT_REPLAYED = new Set([400, 401, 403, 429, 500, 503]);

export function responseHeaders(status: number, idempotent: boolean): Record<string, { $ref: string }> {
  const headers: Record<string, { $ref: string }> = { 'X-Request-Id': header('X-Request-Id') };
  if (status === 429 || status === 503) headers['Retry-After'] = header('Retry-After');
  if (idempotent && !NOT_REPLAYED.has(status)) headers['Idempotent-Replayed'] = header('Idempotent-Replayed');
  return headers;
}

/** The example of one code (components.examples): the very body the server builds for it. */
function exampleOf(code: ErrorCode): ExampleObject {
  const [status, meaning] = describeErrorCode(code);
  const errors =
    code === 'validation_failed' ? [{ field: 'pieces[0].weightKg', message: 'weightKg must not be greater than 1000' }] : undefined;
  return { summary: meaning, value: { ...problem(status, code, EXAMPLE_REQUEST_ID, meaning, errors) } };
}

/** One problem+json response per status, its `code` narrowed to the codes listed, one example each. */
export function problemResponses(codes: ErrorCode[], idempotent: boolean): Record<string, ResponseObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const [status] = describeErrorCode(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, ResponseObject> = {};
  for (const [status, list] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    const schema: SchemaObject = {
      allOf: [
        { $ref: PROBLEM_SCHEMA_REF },
        { type: 'object', properties: { status: { type: 'integer', enum: [status] }, code: { type: 'string', enum: list } } },
      ],
    };
    responses[String(status)] = {
      description: list.map((code) => `\`${code}\`: ${describeErrorCode(code)[1]}`).join('\n\n'),
      headers: responseHeaders(status, idempotent),
      content: {
        'application/problem+json': {
          schema,
          examples: Object.fromEntries(list.map((code) => [code, { $ref: `#/components/examples/${code}` }])),
        },
      },
    };
  }
  return responses;
}

/** One example per code the operations answer, for their responses to refer to. */
export function problemExamples(codes: Iterable<ErrorCode>): Record<string, ExampleObject> {
  return Object.fromEntries([...new Set(codes)].sort().map((code) => [code, exampleOf(code)]));
}

/** The `code` property of the problem schema: every registered code, with its status and meaning. */
export function codeSchema(): SchemaObject {
  const codes = registeredErrorCodes().sort();
  const table = codes.map((code) => `- \`${code}\` (${describeErrorCode(code)[0]}): ${describeErrorCode(code)[1]}`).join('\n');
  return {
    type: 'string',
    enum: codes,
    example: 'validation_failed',
    description: `Stable, snake_case: switch on this, not on \`title\` or \`detail\`.\n\n${table}`,
  };
}
