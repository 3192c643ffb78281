import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import { describeDatabaseError } from './connection-errors';
import { preparedName } from './sql';

const logger = new Logger('Database');

export interface GuardedClientConfig extends ClientConfig {
  /** Run the statements marked with `prepared` (sql.ts) as named prepared statements. */
  preparedStatements?: boolean;
}

/**
 * The pool's client class. pg emits `error` on a client whose connection breaks; an EventEmitter
 * without a listener turns that into an uncaught exception that ends the process. pg-pool listens
 * only while a client is idle and TypeORM only once it has taken it from the pool, so a backend
 * killed in between crashed the API. This listener exists from construction to the end: the error
 * is logged, the query in flight fails on its own (and becomes a 503), and pg-pool discards the
 * client when it is released because it is no longer queryable.
 *
 * With `preparedStatements`, a statement whose text is marked with `prepared` is sent by name: pg
 * parses it on this connection the first time and afterwards only binds and executes it (pg keeps
 * which names each connection has parsed, and forgets one whose Parse failed).
 */
export class GuardedClient extends Client {
  constructor(config?: string | GuardedClientConfig) {
    super(config);
    this.on('error', (error: Error) => logger.warn(`database connection lost: ${describeDatabaseError(error)}`));
    if (typeof config === 'object' && config.preparedStatements) {
      const query = Client.prototype.query.bind(this) as (...args: unknown[]) => unknown;
      this.query = ((text: unknown, values?: unknown, callback?: unknown) => {
        const name = typeof text === 'string' ? preparedName(text) : undefined;
        if (name === undefined) return query(text, values, callback);
        return typeof values === 'function' ? query({ name, text }, values) : query({ name, text, values }, callback);
      }) as Client['query'];
    }
  }
}
