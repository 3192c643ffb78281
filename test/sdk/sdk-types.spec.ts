import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the TypeScript SDK (clients/typescript)', () => {
  it('is what openapi.json generates (run `npm run sdk` after `npm run openapi`)', () => {
    const generated = execFileSync(bin('openapi-typescript'), ['openapi.json'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(generated === read('clients/typescript/src/schema.ts')).toBe(true);
  });

  it('type-checks with tsc --strict: the SDK, its example and the journey', () => {
    const run = () => execFileSync(bin('tsc'), ['-p', 'clients/typescript/tsconfig.json'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    expect(run).not.toThrow();
  });

  it('is used without casts: the types alone carry the journey and the example', () => {
    for (const file of ['test/sdk/journey.ts', 'clients/typescript/examples/quote-and-book.ts', 'clients/typescript/src/index.ts']) {
      const code = read(file).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect([file, code.match(/\bas\s+(?!const\b)[A-Za-z{[(]|(?<![\w$])<[A-Z]\w*>\s*[a-z(]|\bany\b|@ts-|\w!\./g)]).toEqual([file, null]);
    }
  });
});
