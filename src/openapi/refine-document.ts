import type { OpenAPIObject, OperationObject, ParameterObject, SchemaObject } from '@nestjs/swagger';
import type { ErrorCode } from '../common/errors/error-codes';
import { PROHIBITION_RULES } from '../quotes/goods-screening';
import { HEADERS, codeSchema, problemExamples, problemResponses, responseHeaders } from './problem-responses';
import { operationErrorCodes } from './operation-errors';
import type { RouteFacts } from './route-facts';
import { composeExample, refineQueryParameters, refineRequestSchemas } from './schema-refinements';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The doc comment is the description; its first sentence the summary Swagger UI lists. */
function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text);
  return (match ? match[1] : text).replace(/\s+/g, ' ').trim();
}

function refineOperation(
  document: OpenAPIObject,
  path: string,
  method: string,
  operation: OperationObject,
  facts: RouteFacts,
): ErrorCode[] {
  if (operation.description && !operation.summary) operation.summary = firstSentence(operation.description);
  operation.security = facts.public ? [] : [{ bearer: [] }];

  const parameters = (operation.parameters ?? []) as ParameterObject[];
  for (const parameter of parameters) {
    if (parameter.in === 'path' && facts.uuidParams.includes(parameter.name) && parameter.schema && !('$ref' in parameter.schema)) {
      parameter.schema.format = 'uuid';
    }
  }
  refineQueryParameters(parameters, facts.queryType);

  const json = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content['application/json'] : undefined;
  if (json?.schema && json.example === undefined) {
    const example = composeExample(document, json.schema);
    if (example !== undefined) json.example = example;
  }

  const codes = operationErrorCodes(
    method,
    path,
    parameters.some((p) => p.in === 'query' && p.name === 'cursor'),
    facts,
  );
  for (const [status, response] of Object.entries(operation.responses)) {
    if (Number(status) < 400 && response && !('$ref' in response))
      response.headers = { ...response.headers, ...responseHeaders(Number(status), facts.idempotent) };
  }
  Object.assign(operation.responses, problemResponses(codes, facts.idempotent));
  Object.assign(operation, { 'x-error-codes': codes });
  return codes;
}

/**
 * Makes the generated document say what the server does, from the metadata the server itself acts
 * on: who needs a key, which codes each route answers, the headers, integers and UUIDs, examples.
 */
export function refineDocument(document: OpenAPIObject, facts: Map<string, RouteFacts>): OpenAPIObject {
  refineRequestSchemas(
    document,
    [...facts.values()].flatMap((route) => (route.bodyType ? [route.bodyType] : [])),
  );
  const used: ErrorCode[] = [];
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const found = operation.operationId ? facts.get(operation.operationId) : undefined;
      if (!found) throw new Error(`no route metadata for operation ${operation.operationId}`);
      used.push(...refineOperation(document, path, method, operation, found));
    }
  }
  const components = document.components!;
  components.headers = { ...components.headers, ...HEADERS };
  components.examples = { ...components.examples, ...problemExamples(used) };
  const problem = components.schemas!.ProblemDto as SchemaObject;
  problem.properties!.code = codeSchema();
  // Extension members some codes add (RFC 9457 §3.2).
  problem.properties!.rule = {
    type: 'string',
    enum: [...PROHIBITION_RULES],
    description: 'With `goods_prohibited` only: the screening rule that refused the goods (SPEC §5.5).',
  };
  return document;
}
