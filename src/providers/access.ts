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

/** PostgreSQL unique violation on a given index, as TypeORM wraps it. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string };
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && name === constraint;
}
