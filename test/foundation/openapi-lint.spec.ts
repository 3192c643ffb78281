import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const spectral = join(root, 'node_modules', '.bin', 'spectral');

interface Finding {
  code: string;
  path: string[];
}

/** Spectral with the checked-in ruleset; JSON findings (the exit code is ignored: we read them). */
function lint(file: string): Finding[] {
  try {
    return JSON.parse(
      execFileSync(spectral, ['lint', '-r', join(root, '.spectral.yaml'), '-f', 'json', '-q', file], { cwd: root, encoding: 'utf8' }) ||
        '[]',
    );
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) throw error;
    return JSON.parse(stdout);
  }
}

/** One operation and one schema breaking each of our rules, as a drifted document would. */
const DRIFTED = {
  openapi: '3.0.0',
  info: { title: 'drift', version: '1', description: 'd', contact: { name: 'x' } },
  servers: [{ url: '/' }],
  tags: [{ name: 'Things' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      Empty: { type: 'object', properties: {} },
      Thing: { type: 'object', properties: { id: { type: 'string' }, amountMinor: { type: 'number' } } },
    },
  },
  paths: {
    '/v1/things/{id}': {
      post: {
        operationId: 'Things_update',
        security: [{ bearer: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        responses: {
          '200': { description: 'ok' },
          '409': { description: 'conflict', content: { 'application/json': {} } },
          '429': { description: 'slow down' },
        },
      },
      get: {
        operationId: 'Things_get',
        tags: ['Things'],
        description: 'open',
        security: [],
        responses: { '200': { description: 'ok' }, '401': { description: 'no' } },
      },
      delete: {
        operationId: 'Things_delete',
        tags: ['Things'],
        description: 'd',
        'x-error-codes': ['forbidden'],
        responses: { '204': { description: 'gone' } },
      },
    },
  },
};

describe('the OpenAPI lint (`npm run lint:openapi`, .spectral.yaml)', () => {
  it('finds nothing in the checked-in openapi.json: 0 errors, 0 warnings', () => {
    expect(lint(join(root, 'openapi.json')).map((f) => `${f.code} ${f.path.join('.')}`)).toEqual([]);
  });

  it('catches each kind of drift it is there for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'blm-lint-'));
    try {
      const file = join(dir, 'drifted.json');
      writeFileSync(file, JSON.stringify(DRIFTED));
      const found = new Set(lint(file).map((f) => f.code));
      const ours = [...readFileSync(join(root, '.spectral.yaml'), 'utf8').matchAll(/^ {2}(blm-[\w-]+):/gm)].map((m) => m[1]);
      expect(ours.length).toBeGreaterThan(10);
      expect(ours.filter((rule) => !found.has(rule))).toEqual([]);
      for (const rule of ['operation-description', 'operation-tags', 'tag-description']) expect(found).toContain(rule);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
