/**
 * The event types of SPEC §11 and the patterns endpoints and the feed filter with. Pure: no Nest,
 * no TypeORM.
 */
export const EVENT_TYPES = [
  'order.booked',
  'order.picked_up',
  'order.in_transit',
  'order.delivered',
  'order.lost',
  'order.cancelled',
  'order.remedy_submitted',
  'claim.created',
  'claim.reviewed',
  'credit.issued',
  'credit.spent',
  'credit.restored',
  'buyer.tier_changed',
  'evidence.reviewed',
  'provider.status_changed',
  'provider.violation_recorded',
  'provider.compliance_action',
  'document.reviewed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** `order.*`, `credit.*`, …: every prefix some type has. */
export const EVENT_PREFIXES = [...new Set(EVENT_TYPES.map((t) => t.split('.')[0]!))];

/** `*`, an exact type, or `prefix.*` for a known prefix. */
export function isEventPattern(pattern: string): boolean {
  if (pattern === '*' || (EVENT_TYPES as readonly string[]).includes(pattern)) return true;
  return pattern.endsWith('.*') && EVENT_PREFIXES.includes(pattern.slice(0, -2));
}

export function matchesPattern(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/** Who may see (and receive) an event besides admins (§11's table). */
export interface EventAudience {
  buyerId?: string | null;
  providerId?: string | null;
}
