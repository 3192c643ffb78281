export const ROLES = ['admin', 'buyer', 'provider'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved from the API key by the AuthGuard. */
export interface Principal {
  keyId: string;
  role: Role;
  /** The buyer or provider the key is bound to; null for admins. */
  subjectId: string | null;
}
