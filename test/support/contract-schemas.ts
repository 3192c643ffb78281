/**
 * The response schemas of openapi.json as JSON Schema for ajv, compiled once per run: the global
 * setup writes them as standalone code (writeCompiledValidators) that every test worker loads.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { _, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';

export interface MediaType {
  schema?: object;
}
export interface ResponseSpec {
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}
export interface Operation {
  operationId: string;
  responses: Record<string, ResponseSpec>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

export const DOCUMENT_FILE = join(__dirname, '..', '..', 'openapi.json');
const DOCUMENT_ID = 'openapi.json';

export const readDocument = (): OpenApiDocument => JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8'));

/**
 * Refs inside the document become refs into the schema registered under DOCUMENT_ID; OpenAPI 3.0's
 * `nullable` beside a composition (a nullable `$ref`) becomes JSON Schema's "null or that".
 */
function rebaseRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebaseRefs);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, type, ...rest } = value as Record<string, unknown>;
  if (nullable === true && (rest.allOf || rest.oneOf || rest.anyOf || rest.$ref)) return { anyOf: [{ type: 'null' }, rebaseRefs(rest)] };
  // A nullable enum admits null (OpenAPI 3.0.3); JSON Schema needs it listed.
  const source =
    nullable === true && Array.isArray(rest.enum) && !rest.enum.includes(null) ? { ...value, enum: [...rest.enum, null] } : value;
  return Object.fromEntries(
    Object.entries(source).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/') ? DOCUMENT_ID + inner : rebaseRefs(inner),
    ]),
  );
}

export const responseKey = (operationId: string, status: number | string, mediaType: string) => `${operationId} ${status} ${mediaType}`;
export const PROBLEM_KEY = 'ProblemDto';

/** Paths outside the document include tests' own probe routes: any snake_case code, the problem shape. */
function looseProblem(document: OpenApiDocument): object {
  const problem = document.components.schemas.ProblemDto;
  return { ...problem, properties: { ...problem.properties, code: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' } } };
}

/** Every schema a response can be checked against, by key. */
export function responseSchemas(document: OpenApiDocument): [string, object][] {
  const schemas: [string, object][] = [[PROBLEM_KEY, looseProblem(document)]];
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods)) {
      for (const [status, spec] of Object.entries(operation.responses)) {
        for (const [mediaType, media] of Object.entries(spec.content ?? {})) {
          if (media.schema) schemas.push([responseKey(operation.operationId, status, mediaType), media.schema]);
        }
      }
    }
  }
  return schemas;
}

function createAjv(document: OpenApiDocument, standalone: boolean): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    ...(standalone ? { code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } } : {}),
  });
  addFormats(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: rebaseRefs(document.components) });
  return ajv;
}

/** Compiles one schema on demand (used where no compiled set was written, e.g. a test's own document). */
export function compiler(document: OpenApiDocument): (schema: object) => ValidateFunction {
  let ajv: Ajv | undefined;
  return (schema) => (ajv ??= createAjv(document, false)).compile(rebaseRefs(schema) as object);
}

/** Writes every validator of openapi.json as one standalone CommonJS module; returns its path. */
export function writeCompiledValidators(file: string): string {
  const document = readDocument();
  const ajv = createAjv(document, true);
  const schemas = responseSchemas(document);
  schemas.forEach(([, schema], index) => ajv.addSchema(rebaseRefs(schema) as object, `v${index}`));
  const code = standaloneCode(ajv, Object.fromEntries(schemas.map((_schema, index) => [`v${index}`, `v${index}`])));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${code}\nexports.keys = ${JSON.stringify(schemas.map(([key]) => key))};\n`);
  return file;
}

/** The validators written by the global setup, by key. */
export function loadCompiledValidators(file: string): Map<string, ValidateFunction> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the global setup wrote, loaded by its path at run time
  const compiled: { keys: string[] } & Record<string, ValidateFunction> = require(file);
  return new Map(compiled.keys.map((key, index) => [key, compiled[`v${index}`]]));
}
