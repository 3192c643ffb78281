import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-error';
import { ApiKeysService } from './api-keys.service';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import type { Principal, Role } from './principal';

/** Resolves `Authorization: Bearer <key>` to a Principal and enforces the route's @Roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S{1,256})\s*$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedError();
    const principal = await this.apiKeys.authenticate(match[1]!);
    if (!principal) throw new UnauthenticatedError('The API key is unknown or revoked.');
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenError();
    return true;
  }
}
