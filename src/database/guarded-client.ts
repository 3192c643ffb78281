import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import { describeDatabaseError, isStalePreparedStatement } from './connection-errors';
import { preparedName } from './sql';

const logger = new Logger('Database');

export interface GuardedClientConfig extends ClientConfig {
  /** Run the statements marked with `prepared` (sql.ts) as named prepared statements. */
  preparedStatements?: boolean;
}

type Callback = (error: Error | null, result?: unknown) => void;

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
 * which names each connection has parsed, and forgets one whose Parse failed). When a migration has
 * changed the result columns of such a statement, the server refuses it on this connection for good:
 * the connection is then closed (the request answers 503), and its retry prepares it on another.
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
        const done = (typeof values === 'function' ? values : callback) as Callback | undefined;
        const config = typeof values === 'function' ? { name, text } : { name, text, values };
        if (done) return query(config, (error: Error | null, result?: unknown) => done(this.checked(error), result));
        return (query(config) as Promise<unknown>).catch((error: Error) => Promise.reject(this.checked(error)));
      }) as Client['query'];
    }
  }

  /** The error of a prepared statement, after closing this connection if the statement went stale. */
  private checked(error: Error | null): Error | null {
    if (error && isStalePreparedStatement(error)) {
      logger.warn(`closing a connection whose prepared statement went stale: ${describeDatabaseError(error)}`);
      void this.end().catch(() => undefined);
    }
    return error;
  }
}
