export const ROLES = ['admin', 'buyer', 'provider'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved from the API key by the AuthGuard. */
export interface Principal {
  keyId: string;
  role: Role;
  /** The buyer or provider the key is bound to; null for admins. */
  subjectId: string | null;
}


/** True when the principal may see the buyer's or provider's records (admins see everything). */
export function canAccess(principal: Principal, role: 'buyer' | 'provider', subjectId: string): boolean {
  return principal.role === 'admin' || (principal.role === role && principal.subjectId === subjectId);
}
