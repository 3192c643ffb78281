import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { retry, throwError, timer, type Observable } from 'rxjs';
import { isDatabaseUnavailable } from './connection-errors';

/** How often a read whose connection broke is run again, and the pause before each new run. */
export const READ_RETRIES = 2;
const RETRY_DELAY_MS = 25;

/**
 * A GET or HEAD changes nothing, so when its database connection is cut (a killed backend, a
 * failover) it is run again on a fresh connection from the pool before the client sees a 503.
 * Writes are never retried here: whether they committed is unknown (their Idempotency-Key is the
 * client's retry).
 */
@Injectable()
export class ReadRetryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { method } = context.switchToHttp().getRequest<FastifyRequest>();
    if (method !== 'GET' && method !== 'HEAD') return next.handle();
    return next.handle().pipe(
      retry({
        count: READ_RETRIES,
        delay: (error: unknown, attempt: number) =>
          isDatabaseUnavailable(error) ? timer(RETRY_DELAY_MS * attempt) : throwError(() => error),
      }),
    );
  }
}
