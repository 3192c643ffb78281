import { applyDecorators, Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../auth/principal';

export const REGISTRATION_LIMITED = 'throttle:registration';

/**
 * Open registration routes: limited per client address (RATE_LIMIT_REGISTRATION_PER_MIN) instead of
 * per API key.
 */
export const RegistrationRateLimit = () => applyDecorators(SetMetadata(REGISTRATION_LIMITED, true), SkipThrottle({ default: true }));

/** Limits per API key (per address when there is none) and answers 429 with a plain Retry-After. */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = req.principal as Principal | undefined;
    return principal ? `key:${principal.keyId}` : `ip:${String(req.ip)}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('retry-after', String(Math.max(1, detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}
