import { dirname, join } from 'node:path';
import ts from 'typescript';
import { BusinessRuleError, ConflictError, InvalidInputError, NotFoundError } from './domain-error';
import { ERROR_REGISTRY, ERROR_TABLES, describeErrorCode, registeredErrorCodes } from './error-codes';

describe('the error registry', () => {
  it('is the modules’ tables, with no code defined twice', () => {
    const defined = ERROR_TABLES.flatMap((table) => Object.keys(table));
    expect(defined.filter((code, i) => defined.indexOf(code) !== i)).toEqual([]);
    expect(registeredErrorCodes().sort()).toEqual([...defined].sort());
  });

  it('holds snake_case codes with an HTTP error status and a meaning', () => {
    for (const [code, [status, meaning]] of Object.entries(ERROR_REGISTRY)) {
      expect([code, /^[a-z]+(_[a-z]+)*$/.test(code), status >= 400 && status < 600, meaning.length > 0]).toEqual([code, true, true, true]);
    }
  });

  it('gives each error class the status its codes are registered with', () => {
    const errors = [
      new InvalidInputError('x', undefined, 'invalid_cursor'),
      new NotFoundError('Order'),
      new ConflictError('lane_duplicate', 'x'),
      new BusinessRuleError('goods_prohibited', 'x'),
    ];
    for (const error of errors) expect([error.code, error.status]).toEqual([error.code, describeErrorCode(error.code)[0]]);
  });

  it('refuses, at compile time, a code it does not hold or one of another status', () => {
    // `tsc -p tsconfig.json` checks this file: each line below compiles only because it is an error.
    // @ts-expect-error a typo is not a code
    void new ConflictError('lane_duplicat', 'x');
    // @ts-expect-error a 422 code is not a conflict
    void new ConflictError('goods_prohibited', 'x');
    // @ts-expect-error nor a code nobody registered
    void describeErrorCode('teapot');
    expect(true).toBe(true);
  });
});

/**
 * The same claim proven under Jest (which strips types without checking them): the compiler, run on
 * a file that throws a typo'd code, reports it, and reports nothing on the file with the right code.
 */
describe('a typo in an error code', () => {
  const fixture = join(__dirname, '__error_code_fixture__.ts');
  const diagnosticsOf = (source: string): string[] => {
    const config = ts.readConfigFile(join(__dirname, '..', '..', '..', 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(join(__dirname, '..', '..', '..', 'tsconfig.json')));
    const host = ts.createCompilerHost({ ...options, noEmit: true });
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) =>
      name === fixture ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => name === fixture || fileExists(name);
    const program = ts.createProgram([fixture], { ...options, noEmit: true, types: [] }, host);
    return ts
      .getPreEmitDiagnostics(program, program.getSourceFile(fixture))
      .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`);
  };

  it('does not compile', () => {
    const typo = diagnosticsOf(
      `import { ConflictError } from './domain-error';\nexport const e = new ConflictError('lane_duplicat', 'x');\n`,
    );
    expect(typo).toEqual([expect.stringMatching(/^TS2345: Argument of type '"lane_duplicat"' is not assignable/)]);
    expect(
      diagnosticsOf(`import { ConflictError } from './domain-error';\nexport const e = new ConflictError('lane_duplicate', 'x');\n`),
    ).toEqual([]);
  }, 60_000);
});
