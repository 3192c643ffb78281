import { ForbiddenError, NotFoundError } from '../errors/domain-error';
import type { Principal } from './principal';

/**
 * Who may touch which object (SPEC §2): the one access policy every service asks. Two rules, two
 * places: the route's roles are declarative (`@Roles()` on the handler, checked by the AuthGuard:
 * 403 `forbidden`); whether *this* principal may touch *this* object is asked here, in the service,
 * and "not yours" answers 404 exactly as if the object did not exist. Controllers never ask.
 */
type Party = 'buyer' | 'provider';

interface AccessRule {
  /** The name in the 404 (`… was not found.`). */
  readonly label: string;
  /** Admins may touch every object of the kind (they read everything, SPEC §2). */
  readonly admin: boolean;
  /** Which of the object's owners may touch it: the buyer, the provider, or either. */
  readonly parties: readonly Party[];
  /** Refused with this 403 instead of the 404: the caller asks for something its key may not do, not about an object. */
  readonly forbidden?: string;
}

export const ACCESS_POLICY = {
  /** A buyer's record, tier history, evidence and credits. */
  buyer: { label: 'Buyer', admin: true, parties: ['buyer'] },
  /** A provider's record, documents, lanes, qualification check and compliance record. */
  provider: { label: 'Provider', admin: true, parties: ['provider'] },
  /** The provider's own acts, which an admin does not do for it: uploading a document, publishing a lane. */
  providerSelf: { label: 'Provider', admin: false, parties: ['provider'] },
  /** Changing or deactivating a lane: its provider only. */
  lane: { label: 'Lane', admin: false, parties: ['provider'] },
  quote: { label: 'Quote', admin: true, parties: ['buyer'] },
  /** Booking a quote's option: the buyer it was quoted to only. */
  quoteOption: { label: 'Quote option', admin: false, parties: ['buyer'] },
  /** An order: its buyer, its provider, or an admin. */
  order: { label: 'Order', admin: true, parties: ['buyer', 'provider'] },
  /** An API key (revoking): an admin any, a buyer or provider its own account's. */
  apiKey: { label: 'API key', admin: true, parties: ['buyer', 'provider'] },
  /** Issuing an API key: an admin for anyone, a buyer or provider for its own account only (403). */
  apiKeyIssue: {
    label: 'API key',
    admin: true,
    parties: ['buyer', 'provider'],
    forbidden: 'A buyer or provider key may only issue keys for its own account.',
  },
  /** An event in the feed: the buyer or provider it was recorded for (SPEC §11), or an admin. */
  event: { label: 'Event', admin: true, parties: ['buyer', 'provider'] },
  /** A webhook endpoint: the buyer or provider that owns it, or an admin (any, its own included). */
  webhookEndpoint: { label: 'Webhook endpoint', admin: true, parties: ['buyer', 'provider'] },
} as const satisfies Record<string, AccessRule>;

export type Resource = keyof typeof ACCESS_POLICY;

/** An object's owners. A bare id stands for the owner of a one-party kind (`buyer`, `provider`, …). */
export type Owners = { readonly buyer?: string | null; readonly provider?: string | null };

function ownersOf(resource: Resource, owners: Owners | string): Owners {
  if (typeof owners !== 'string') return owners;
  const rule: AccessRule = ACCESS_POLICY[resource];
  return Object.fromEntries(rule.parties.map((party) => [party, owners]));
}

/** Whether the principal may touch the object owned by `owners`. */
function mayAccess(principal: Principal, resource: Resource, owners: Owners | string): boolean {
  const rule: AccessRule = ACCESS_POLICY[resource];
  if (principal.role === 'admin') return rule.admin;
  const owner = ownersOf(resource, owners)[principal.role];
  return rule.parties.includes(principal.role) && principal.subjectId !== null && owner === principal.subjectId;
}

/**
 * Throws unless the principal may touch the object: 404 as for a missing one, or the rule's 403.
 * `requireAccess(caller, 'buyer', buyerId)` for a one-party kind named by its owner's id (or pass
 * the owners, `{ buyer, provider }`). For an object read first, pass it (null or undefined when
 * not found: the same 404) and how to find its owners, and it comes back narrowed to found:
 * `requireAccess(caller, 'order', row, (o) => ({ buyer: o.buyer_id, provider: o.provider_id }))`.
 */
export function requireAccess(principal: Principal, resource: Resource, owners: Owners | string): void;
export function requireAccess<T>(
  principal: Principal,
  resource: Resource,
  found: T | null | undefined,
  owners: (found: T) => Owners | string,
): asserts found is T;
export function requireAccess<T>(
  principal: Principal,
  resource: Resource,
  found: T | null | undefined,
  owners?: (found: T) => Owners | string,
): asserts found is T {
  const rule: AccessRule = ACCESS_POLICY[resource];
  if (found === null || found === undefined) throw new NotFoundError(rule.label);
  if (mayAccess(principal, resource, owners ? owners(found) : (found as Owners | string))) return;
  if (rule.forbidden) throw new ForbiddenError(rule.forbidden);
  throw new NotFoundError(rule.label);
}

/**
 * Which objects of a kind the principal may see or touch, for a query to filter on: `{}` (all) for
 * an admin the kind allows, the principal's own account otherwise; 404 for a principal that may
 * touch none (e.g. an admin changing a lane).
 */
export function accessScope(principal: Principal, resource: Resource): { buyer?: string; provider?: string } {
  const rule: AccessRule = ACCESS_POLICY[resource];
  if (principal.role === 'admin' && rule.admin) return {};
  if (principal.role !== 'admin' && rule.parties.includes(principal.role) && principal.subjectId !== null)
    return { [principal.role]: principal.subjectId };
  throw new NotFoundError(rule.label);
}
