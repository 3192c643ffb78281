import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-error';
import { RateLimitStore } from '../throttling/rate-limit.store';
import { ApiKeysService } from './api-keys.service';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import type { Principal, Role } from './principal';

const AUTH_FAILURES = 'auth-failures';
const MINUTE_MS = 60_000;

/**
 * Resolves `Authorization: Bearer <key>` to a Principal and enforces the route's @Roles. Failed
 * authentications are limited per client address (RATE_LIMIT_AUTH_FAILURES_PER_MIN): past the
 * limit the address gets 429 for a minute, and keys it sends that are not already cached are not
 * looked up, so guessing keys cannot load the database.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly limits: RateLimitStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { principal?: Principal }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S{1,256})\s*$/i.exec(header) : null;
    const client = `ip:${request.ip}`;
    if (!match) return this.fail(http.getResponse(), client, new UnauthenticatedError());

    let principal = this.apiKeys.cached(match[1]!);
    if (principal === undefined) {
      const blockedFor = await this.limits.blockedFor(client, AUTH_FAILURES);
      if (blockedFor > 0) throw rateLimited(http.getResponse(), blockedFor);
      principal = await this.apiKeys.authenticate(match[1]!);
    }
    if (!principal) return this.fail(http.getResponse(), client, new UnauthenticatedError('The API key is unknown or revoked.'));
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenError();
    return true;
  }

  /** Counts the failure against the client address: 401, or 429 once over the limit. */
  private async fail(reply: FastifyReply, client: string, error: UnauthenticatedError): Promise<never> {
    const limit = this.config.rateLimitAuthFailuresPerMin;
    const record = await this.limits.increment(client, MINUTE_MS, limit, MINUTE_MS, AUTH_FAILURES);
    if (record.isBlocked) throw rateLimited(reply, record.timeToBlockExpire);
    throw error;
  }
}

function rateLimited(reply: FastifyReply, seconds: number): ThrottlerException {
  void reply.header('retry-after', String(Math.max(1, seconds)));
  return new ThrottlerException('Too many failed authentications from this address; retry after Retry-After seconds.');
}
