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

/** Outcomes that did not change anything are not kept: the client may fix the request and retry. */
const NOT_KEPT = new Set([400, 401, 403, 429]);

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
    const apiKeyId = request.principal.keyId;
    const claim = await this.idempotency.claim(apiKeyId, key, requestHash(request.method, request.url, request.body));
    if (claim.kind === 'replay') {
      void reply.header('idempotent-replayed', 'true');
      if (claim.response.status >= 400) {
        void reply.header('content-type', 'application/problem+json; charset=utf-8');
      }
      void reply.status(claim.response.status);
      return claim.response.body;
    }

    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.idempotency.complete(apiKeyId, key, { status: reply.statusCode, body });
      return body;
    } catch (error) {
      const status = error instanceof DomainError ? error.status : 500;
      if (error instanceof DomainError && !NOT_KEPT.has(status)) {
        const { body } = toProblem(error, String(request.id));
        await this.idempotency.complete(apiKeyId, key, { status, body });
      } else {
        await this.idempotency.release(apiKeyId, key);
      }
      throw error;
    }
  }
}
