import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { DomainError, InvalidInputError } from '../errors/domain-error';
import { toProblem } from '../errors/to-problem';
import { IdempotencyService } from './idempotency.service';
import { requestHash } from './request-hash';

export const IDEMPOTENT_KEY = 'idempotency:required';

/** The route requires an Idempotency-Key header and replays the first response for a repeated key. */
export const Idempotent = () => SetMetadata(IDEMPOTENT_KEY, true);

/**
 * Business outcomes kept and replayed. Any other failure (400, 401, 403, 429, 5xx, a lost connection)
 * is forgotten with everything the request wrote, so the client may fix the request and retry.
 */
const KEPT_REFUSALS = new Set([404, 409, 422]);

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT_KEY, context.getHandler())) return next.handle();
    return from(this.run(context, next));
  }

  private async run(context: ExecutionContext, next: CallHandler): Promise<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal: Principal }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw new InvalidInputError(
        'This route requires an Idempotency-Key header of 1–255 characters.',
        [{ field: 'Idempotency-Key', message: 'required, 1–255 characters' }],
        'idempotency_key_missing',
      );
    }
    const scope = { apiKeyId: request.principal.keyId, key, hash: requestHash(request.method, request.url, request.body) };
    const outcome = await this.idempotency.once(
      scope,
      async () => ({ body: await lastValueFrom(next.handle(), { defaultValue: undefined }), status: reply.statusCode }),
      (error) =>
        error instanceof DomainError && KEPT_REFUSALS.has(error.status)
          ? { status: error.status, body: toProblem(error, String(request.id)).body }
          : null,
    );
    if (outcome.kind === 'ran') {
      if (outcome.refusal) throw outcome.refusal;
      return outcome.response.body;
    }
    void reply.header('idempotent-replayed', 'true');
    if (outcome.response.status >= 400) void reply.header('content-type', 'application/problem+json; charset=utf-8');
    void reply.status(outcome.response.status);
    return outcome.response.body;
  }
}
