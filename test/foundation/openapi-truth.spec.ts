import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withPreviewApp } from '../../scripts/openapi';
import { registeredErrorCodes } from '../../src/common/errors/error-codes';
import { createValidationPipe } from '../../src/common/validation';
import { httpLayerCodes } from '../../src/openapi/operation-errors';
import { collectRouteFacts, type RouteFacts } from '../../src/openapi/route-facts';

interface Operation {
  operationId: string;
  security?: unknown[];
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { example?: unknown }> };
  'x-error-codes': string[];
}

const document = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
const operations: [string, Operation][] = Object.entries<Record<string, Operation>>(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
);

describe('the OpenAPI document says what the server does', () => {
  let facts: Map<string, RouteFacts>;
  beforeAll(async () => {
    facts = await withPreviewApp(collectRouteFacts);
  });

  it('lists every registered error code in the problem schema, and each on an operation or as an HTTP-layer code', () => {
    const registered = registeredErrorCodes().sort();
    expect(document.components.schemas.ProblemDto.properties.code.enum).toEqual(registered);
    const listed = new Set([...operations.flatMap(([, operation]) => operation['x-error-codes']), ...httpLayerCodes()]);
    expect(registered.filter((code) => !listed.has(code))).toEqual([]);
  });

  it('marks exactly the open routes `security: []`, and only they answer no 401', () => {
    const open = operations.filter(([, operation]) => operation.security?.length === 0).map(([name]) => name);
    expect(open.sort()).toEqual(['GET /health/live', 'GET /health/ready', 'GET /v1/tiers/policy', 'POST /v1/buyers', 'POST /v1/providers']);
    for (const [name, operation] of operations) expect([name, '401' in operation.responses]).toEqual([name, !open.includes(name)]);
    expect(document.components.securitySchemes.bearer.bearerFormat).toBeUndefined();
  });

  it('gives every request body an example the validation pipe accepts, valid on any day (no fixed readyDate)', async () => {
    const pipe = createValidationPipe();
    const refused: string[] = [];
    for (const [name, operation] of operations) {
      const example = operation.requestBody?.content['application/json']?.example;
      const bodyType = facts.get(operation.operationId)?.bodyType;
      if (!operation.requestBody) continue;
      if (example === undefined || !bodyType) {
        refused.push(`${name}: no example or no body DTO`);
        continue;
      }
      await pipe.transform(structuredClone(example), { type: 'body', metatype: bodyType as never }).catch((error: { errors?: unknown }) => {
        refused.push(`${name}: ${JSON.stringify(error.errors)}`);
      });
    }
    expect(refused).toEqual([]);
    expect(document.paths['/v1/quotes'].post.requestBody.content['application/json'].example).not.toHaveProperty('readyDate');
  });

  it('documents Idempotent-Replayed on the idempotent routes only, and Retry-After on every 429 and 503', () => {
    for (const [name, operation] of operations) {
      const idempotent = facts.get(operation.operationId)!.idempotent;
      const replayed = Object.values<{ headers?: Record<string, unknown> }>(operation.responses as never).some(
        (r) => r.headers?.['Idempotent-Replayed'],
      );
      expect([name, replayed]).toEqual([name, idempotent]);
      for (const status of ['429', '503']) {
        const response = operation.responses[status] as { headers?: Record<string, unknown> } | undefined;
        if (response) expect([name, status, Boolean(response.headers?.['Retry-After'])]).toEqual([name, status, true]);
      }
    }
    expect(operations.filter(([, operation]) => facts.get(operation.operationId)!.idempotent).map(([name]) => name)).toEqual([
      'POST /v1/orders',
      'POST /v1/orders/{id}/claims',
    ]);
  });
});
