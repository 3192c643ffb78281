import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';

const root = join(__dirname, '..', '..');
const script = join(root, 'dist', 'scripts', 'openapi.js');

describe('the checked-in OpenAPI document', () => {
  const document = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));

  it('is a valid OpenAPI 3 document (parsed by a real OpenAPI parser)', async () => {
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });

  it('is what the code describes (run `npm run openapi` after changing a route or DTO)', () => {
    if (!existsSync(script)) throw new Error('dist/ is missing: `npm test` builds first (pretest); run `npm run build`');
    expect(() => execFileSync(process.execPath, [script, '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });

  it('declares the bearer scheme, the problem schema and error codes on every operation', () => {
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.schemas.ProblemDto.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'code', 'requestId']),
    );
    const withoutCodes: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, { 'x-error-codes'?: string[] }>>(document.paths)) {
      if (path === '/health/live') continue;
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation['x-error-codes']?.length) withoutCodes.push(`${method} ${path}`);
      }
    }
    expect(withoutCodes).toEqual([]);
  });
});
