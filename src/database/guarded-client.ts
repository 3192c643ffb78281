import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import { describeDatabaseError } from './connection-errors';

const logger = new Logger('Database');

/**
 * The pool's client class. pg emits `error` on a client whose connection breaks; an EventEmitter
 * without a listener turns that into an uncaught exception that ends the process. pg-pool listens
 * only while a client is idle and TypeORM only once it has taken it from the pool, so a backend
 * killed in between crashed the API. This listener exists from construction to the end: the error
 * is logged, the query in flight fails on its own (and becomes a 503), and pg-pool discards the
 * client when it is released because it is no longer queryable.
 */
export class GuardedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (error: Error) => logger.warn(`database connection lost: ${describeDatabaseError(error)}`));
  }
}
