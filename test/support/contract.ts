/**
 * The contract check: every response an HTTP test receives through `createTestApp().http` is held
 * to openapi.json — its status documented for that operation, its content type listed, its body
 * valid against the schema, X-Request-Id present — so a route, status or field that drifts from the
 * document fails the test that produced it.
 */
import { appendFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import {
  compiler,
  loadCompiledValidators,
  PROBLEM_KEY,
  readDocument,
  responseKey,
  responseSchemas,
  type OpenApiDocument,
  type Operation,
} from './contract-schemas';

interface Route {
  pattern: RegExp;
  params: number;
  methods: Record<string, Operation>;
}

const METHODS: Record<string, string> = {
  get: 'get',
  post: 'post',
  put: 'put',
  patch: 'patch',
  delete: 'delete',
  del: 'delete',
  head: 'head',
  options: 'options',
};

export class Contract {
  private readonly routes: Route[];
  private readonly schemas: Map<string, object>;
  private readonly compile: (schema: object) => ValidateFunction;
  validated = 0;

  /** `compiled`: validators compiled once for the run (the global setup's); others are compiled here on demand. */
  constructor(
    document: OpenApiDocument,
    private readonly validators = new Map<string, ValidateFunction>(),
  ) {
    this.schemas = new Map(responseSchemas(document));
    this.compile = compiler(document);
    this.routes = Object.entries(document.paths)
      .map(([path, methods]) => ({
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (path.match(/\{/g) ?? []).length,
        methods,
      }))
      .sort((a, b) => a.params - b.params);
  }

  private validator(key: string): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.compile(this.schemas.get(key)!);
      this.validators.set(key, validate);
    }
    return validate;
  }

  check(method: string, url: string, res: Response): void {
    const path = url.split('?')[0];
    const route = this.routes.find((candidate) => candidate.pattern.test(path));
    const operation = route?.methods[method];
    const where = `${method.toUpperCase()} ${path} → ${res.status}`;
    if (!res.headers['x-request-id']) throw new Error(`${where}: no X-Request-Id header`);
    if (!operation) {
      // Outside the document (/metrics, /docs, CORS preflights) only errors are held to the problem shape.
      if (route && res.status < 400 && method !== 'options' && method !== 'head')
        throw new Error(`${where}: ${method} is not documented for this path`);
      if (res.status >= 400 && method !== 'head') this.checkBody(where, PROBLEM_KEY, this.validator(PROBLEM_KEY), res);
      return;
    }
    const spec = operation.responses[String(res.status)];
    if (!spec)
      throw new Error(
        `${where}: status ${res.status} is not documented for ${operation.operationId} (documented: ${Object.keys(operation.responses).join(', ')})`,
      );
    if (res.headers['idempotent-replayed'] && !spec.headers?.['Idempotent-Replayed'])
      throw new Error(`${where}: Idempotent-Replayed is not documented here`);
    this.validated += 1;
    if (!spec.content || method === 'head') {
      if (res.text) throw new Error(`${where}: a body where ${operation.operationId} documents none`);
      return;
    }
    const mediaType = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    const media = spec.content[mediaType];
    if (!media)
      throw new Error(`${where}: content type "${mediaType}" is not documented (documented: ${Object.keys(spec.content).join(', ')})`);
    if (media.schema) {
      const key = responseKey(operation.operationId, res.status, mediaType);
      this.checkBody(where, key, this.validator(key), res);
    }
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
let spentMs = 0;

function load(): Contract {
  const compiled = process.env.CONTRACT_VALIDATORS;
  contract ??= new Contract(readDocument(), compiled ? loadCompiledValidators(compiled) : undefined);
  return contract;
}

/** The agent, with the contract check added to every request it makes. */
export function withContract(agent: TestAgent): TestAgent {
  const timed = (method: string, url: string, res: Response) => {
    const started = performance.now();
    try {
      load().check(method, url, res);
    } finally {
      spentMs += performance.now() - started;
    }
  };
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      const method = typeof property === 'string' ? METHODS[property] : undefined;
      if (!method || typeof value !== 'function') return value;
      return (url: string, ...rest: unknown[]) => value.call(target, url, ...rest).expect((res: Response) => timed(method, url, res));
    },
  });
}

/** Adds this test file's count to the run's tally (see global-teardown). */
export function recordContractCount(): void {
  const file = process.env.CONTRACT_COUNT_FILE;
  if (file && contract) appendFileSync(file, `${contract.validated} ${Math.round(spentMs)}\n`);
}
