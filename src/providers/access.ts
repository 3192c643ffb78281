import { canAccess, type Principal } from '../common/auth/principal';
import { NotFoundError } from '../common/errors/domain-error';

/** Admins and the provider itself; anyone else gets the same 404 as for a provider that does not exist. */
export function assertProviderAccess(caller: Principal, providerId: string): void {
  if (!canAccess(caller, 'provider', providerId)) throw new NotFoundError('Provider');
}

/** Only the provider itself (routes that are the provider's own acts: uploading, publishing lanes). */
export function assertIsProvider(caller: Principal, providerId: string): void {
  if (caller.role !== 'provider' || caller.subjectId !== providerId) throw new NotFoundError('Provider');
}
