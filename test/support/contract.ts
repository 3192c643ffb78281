/**
 * The contract check: every response an HTTP test receives through `createTestApp().http` is held
 * to openapi.json — its status documented for that operation, its content type listed, its body
 * valid against the schema, X-Request-Id present — so a route, status or field that drifts from the
 * document fails the test that produced it.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';

interface MediaType {
  schema?: object;
}
interface ResponseSpec {
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}
interface Operation {
  operationId: string;
  responses: Record<string, ResponseSpec>;
}
interface Components {
  schemas: Record<string, { properties: Record<string, unknown> }>;
}
interface Route {
  pattern: RegExp;
  params: number;
  methods: Record<string, Operation>;
}

const DOCUMENT_ID = 'openapi.json';
const METHODS: Record<string, string> = { get: 'get', post: 'post', put: 'put', patch: 'patch', delete: 'delete', del: 'delete', head: 'head', options: 'options' };

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
  const source = nullable === true && Array.isArray(rest.enum) && !rest.enum.includes(null) ? { ...value, enum: [...rest.enum, null] } : value;
  return Object.fromEntries(
    Object.entries(source).map(([key, inner]) => [key, key === '$ref' && typeof inner === 'string' && inner.startsWith('#/') ? DOCUMENT_ID + inner : rebaseRefs(inner)]),
  );
}

export class Contract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();
  validated = 0;

  constructor(
    document: { paths: Record<string, Record<string, Operation>>; components: Components },
    private readonly components = document.components,
  ) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: rebaseRefs(document.components) });
    this.routes = Object.entries(document.paths)
      .map(([path, methods]) => ({
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (path.match(/\{/g) ?? []).length,
        methods,
      }))
      .sort((a, b) => a.params - b.params);
  }

  private validator(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebaseRefs(schema) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** Paths outside the document include tests' own probe routes: any snake_case code, the problem shape. */
  private problemValidator(): ValidateFunction {
    const problem = this.components.schemas.ProblemDto;
    return this.validator('ProblemDto', { ...problem, properties: { ...problem.properties, code: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' } } });
  }

  check(method: string, url: string, res: Response): void {
    const path = url.split('?')[0];
    const route = this.routes.find((candidate) => candidate.pattern.test(path));
    const operation = route?.methods[method];
    const where = `${method.toUpperCase()} ${path} → ${res.status}`;
    if (!res.headers['x-request-id']) throw new Error(`${where}: no X-Request-Id header`);
    if (!operation) {
      // Outside the document (/metrics, /docs, CORS preflights) only errors are held to the problem shape.
      if (route && res.status < 400 && method !== 'options' && method !== 'head') throw new Error(`${where}: ${method} is not documented for this path`);
      if (res.status >= 400 && method !== 'head') this.checkBody(where, 'ProblemDto', this.problemValidator(), res);
      return;
    }
    const spec = operation.responses[String(res.status)];
    if (!spec) throw new Error(`${where}: status ${res.status} is not documented for ${operation.operationId} (documented: ${Object.keys(operation.responses).join(', ')})`);
    if (res.headers['idempotent-replayed'] && !spec.headers?.['Idempotent-Replayed']) throw new Error(`${where}: Idempotent-Replayed is not documented here`);
    this.validated += 1;
    if (!spec.content || method === 'head') {
      if (res.text) throw new Error(`${where}: a body where ${operation.operationId} documents none`);
      return;
    }
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0].trim();
    const media = spec.content[mediaType];
    if (!media) throw new Error(`${where}: content type "${mediaType}" is not documented (documented: ${Object.keys(spec.content).join(', ')})`);
    if (media.schema) this.checkBody(where, `${operation.operationId} ${res.status} ${mediaType}`, this.validator(`${operation.operationId} ${res.status} ${mediaType}`, media.schema), res);
  }

  private checkBody(where: string, what: string, validate: ValidateFunction, res: Response): void {
    const body: unknown = res.text ? JSON.parse(res.text) : undefined;
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
      throw new Error(`${where}: the body does not match ${what}:\n  ${errors.join('\n  ')}\n  body: ${res.text.slice(0, 500)}`);
    }
  }
}

let contract: Contract | undefined;

function load(): Contract {
  contract ??= new Contract(JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')));
  return contract;
}

/** The agent, with the contract check added to every request it makes. */
export function withContract(agent: TestAgent): TestAgent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      const method = typeof property === 'string' ? METHODS[property] : undefined;
      if (!method || typeof value !== 'function') return value;
      return (url: string, ...rest: unknown[]) => value.call(target, url, ...rest).expect((res: Response) => load().check(method, url, res));
    },
  });
}

/** Adds this test file's count to the run's tally (see global-teardown). */
export function recordContractCount(): void {
  const file = process.env.CONTRACT_COUNT_FILE;
  if (file && contract) appendFileSync(file, `${contract.validated}\n`);
}
