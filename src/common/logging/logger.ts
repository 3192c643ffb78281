import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger, type LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import type { LogLevel } from '../../config/config';

/**
 * One pino logger for every line (SPEC §8): Fastify logs through it (the request line), Nest's
 * `Logger` reaches it through `PinoNestLogger`, and `main.ts` logs start and shutdown through Nest's
 * `Logger` too. Fastify's own pino instance is shared rather than adding nestjs-pino: that package
 * wants Node ≥ 22.12 (we run 20) and a second pino-http instance beside Fastify's.
 */
export function createRootLogger(level: LogLevel, stream?: DestinationStream): Pino {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Secrets never reach a log line, whoever logs the object carrying them.
      redact: {
        paths: [
          'authorization',
          'headers.authorization',
          'req.headers.authorization',
          'apiKey',
          '*.apiKey',
          'secret',
          '*.secret',
          'adminApiKey',
          '*.adminApiKey',
        ],
        censor: '[redacted]',
      },
    },
    // Synchronous on purpose: a line is in the kernel before the next one is made, so a kill -9
    // loses none. It is not what a profile's `writev` is (that is the HTTP and pg sockets): one
    // request line costs 12–16 µs of CPU this way and 11–23 µs written asynchronously (sonic-boom's
    // thread pool round trip per write at moderate rates), against 2–3 ms for a request (bench/RESULTS.md).
    stream ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Makes the process's logger and routes Nest's `Logger` to it, also before any application exists. */
export function installRootLogger(level: LogLevel): Pino {
  const root = createRootLogger(level);
  Logger.overrideLogger(new PinoNestLogger(root));
  return root;
}

/** The id of the request whose work is running now, for lines logged deep inside a service. */
const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs the rest of each request (hooks, guards, handler, filters) inside its scope. */
export function bindRequestScope(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => requestScope.run({ requestId: request.id }, done));
}

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Nest's own start-up chatter (one line per module and route) is debug, not info. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);
const STACK = /^.*\n\s+at .+/;

/**
 * Nest's `LoggerService` on the shared pino logger. `new Logger('Ctx').warn(message)` becomes
 * `{"level":"warn","context":"Ctx","requestId":…,"msg":…}`; a message may be an object (its `msg`
 * is the message, its other fields are logged as they are) or an Error.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    // Nest appends the context last; `error(message, stack?, context?)` may carry a stack before it.
    const stack =
      level === 'error' && typeof params[0] === 'string' && (params.length > 1 || STACK.test(params[0])) ? params.shift() : undefined;
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    if (level === 'info' && context && FRAMEWORK_CONTEXTS.has(context)) level = 'debug';
    if (!this.pino.isLevelEnabled(level)) return;

    let fields: Record<string, unknown> = {};
    let msg: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      msg = message.message;
    } else if (message !== null && typeof message === 'object') {
      const { msg: text, ...rest } = message as Record<string, unknown>;
      fields = rest;
      msg = typeof text === 'string' ? text : undefined;
    } else {
      msg = String(message);
    }
    const requestId = fields.requestId ?? requestScope.getStore()?.requestId;
    this.pino[level]({ ...(requestId ? { requestId } : {}), ...(context ? { context } : {}), ...fields, ...(stack ? { stack } : {}) }, msg);
  }
}
