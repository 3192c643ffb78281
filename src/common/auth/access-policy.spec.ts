import { DomainError } from '../errors/domain-error';
import { accessScope, requireAccess, type Owners, type Resource } from './access-policy';
import type { Principal } from './principal';

const B = '00000000-0000-4000-8000-00000000000b';
const P = '00000000-0000-4000-8000-00000000000p';
const OTHER = '00000000-0000-4000-8000-000000000099';

const admin: Principal = { keyId: 'k', role: 'admin', subjectId: null };
const buyer: Principal = { keyId: 'k', role: 'buyer', subjectId: B };
const otherBuyer: Principal = { keyId: 'k', role: 'buyer', subjectId: OTHER };
const provider: Principal = { keyId: 'k', role: 'provider', subjectId: P };
const otherProvider: Principal = { keyId: 'k', role: 'provider', subjectId: OTHER };

type Outcome = 'ok' | string; // 'ok', or the status and code of the refusal ("404 Order")

function outcome(run: () => void): Outcome {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return `${error.status} ${error.message}`;
  }
}

// SPEC §2: a buyer or a provider acts only on its own; admins read everything; the rest is 404.
// Columns: the kind, its owners, then the answer to an admin, buyer B, another buyer, provider P, another provider.
// prettier-ignore
const TABLE: [Resource, Owners | string, Outcome, Outcome, Outcome, Outcome, Outcome][] = [
  ['buyer', B, 'ok', 'ok', '404 Buyer was not found.', '404 Buyer was not found.', '404 Buyer was not found.'],
  ['provider', P, 'ok', '404 Provider was not found.', '404 Provider was not found.', 'ok', '404 Provider was not found.'],
  ['providerSelf', P, '404 Provider was not found.', '404 Provider was not found.', '404 Provider was not found.', 'ok', '404 Provider was not found.'],
  ['lane', { provider: P }, '404 Lane was not found.', '404 Lane was not found.', '404 Lane was not found.', 'ok', '404 Lane was not found.'],
  ['quote', B, 'ok', 'ok', '404 Quote was not found.', '404 Quote was not found.', '404 Quote was not found.'],
  ['quoteOption', { buyer: B }, '404 Quote option was not found.', 'ok', '404 Quote option was not found.', '404 Quote option was not found.', '404 Quote option was not found.'],
  ['order', { buyer: B, provider: P }, 'ok', 'ok', '404 Order was not found.', 'ok', '404 Order was not found.'],
  ['apiKey', { buyer: B }, 'ok', 'ok', '404 API key was not found.', '404 API key was not found.', '404 API key was not found.'],
  ['event', { buyer: B, provider: P }, 'ok', 'ok', '404 Event was not found.', 'ok', '404 Event was not found.'],
  ['event', { buyer: B, provider: null }, 'ok', 'ok', '404 Event was not found.', '404 Event was not found.', '404 Event was not found.'],
  ['webhookEndpoint', { provider: P }, 'ok', '404 Webhook endpoint was not found.', '404 Webhook endpoint was not found.', 'ok', '404 Webhook endpoint was not found.'],
  ['webhookEndpoint', {}, 'ok', '404 Webhook endpoint was not found.', '404 Webhook endpoint was not found.', '404 Webhook endpoint was not found.', '404 Webhook endpoint was not found.'],
  ['apiKeyIssue', { provider: P }, 'ok', '403 A buyer or provider key may only issue keys for its own account.', '403 A buyer or provider key may only issue keys for its own account.', 'ok', '403 A buyer or provider key may only issue keys for its own account.'],
];

describe('requireAccess (SPEC §2)', () => {
  it.each(TABLE)('%s owned by %j: admin %s, buyer %s, other buyer %s, provider %s, other provider %s', (resource, owners, ...expected) => {
    const got = [admin, buyer, otherBuyer, provider, otherProvider].map((principal) =>
      outcome(() => requireAccess(principal, resource, owners)),
    );
    expect(got).toEqual(expected);
  });

  it('answers a missing object with the same 404 as one that is not yours, to an admin too', () => {
    for (const principal of [admin, buyer, provider]) {
      expect(outcome(() => requireAccess(principal, 'order', undefined, (o: { buyer_id: string }) => ({ buyer: o.buyer_id })))).toBe(
        '404 Order was not found.',
      );
      expect(outcome(() => requireAccess(principal, 'quote', null, (q: { buyerId: string }) => q.buyerId))).toBe(
        '404 Quote was not found.',
      );
    }
  });

  it('reads the owners of an object it was given', () => {
    const row = { buyer_id: B, provider_id: P };
    const parties = (o: typeof row) => ({ buyer: o.buyer_id, provider: o.provider_id });
    expect([buyer, provider, otherBuyer].map((p) => outcome(() => requireAccess(p, 'order', row, parties)))).toEqual([
      'ok',
      'ok',
      '404 Order was not found.',
    ]);
  });

  it('never lets a key bound to no account act as one', () => {
    const unbound: Principal = { keyId: 'k', role: 'buyer', subjectId: null };
    expect(outcome(() => requireAccess(unbound, 'order', { buyer: null }))).toBe('404 Order was not found.');
  });
});

describe('accessScope: what a list or a conditional write may touch', () => {
  it.each<[Resource, Principal, Outcome | { buyer?: string; provider?: string }]>([
    ['order', admin, {}],
    ['order', buyer, { buyer: B }],
    ['order', provider, { provider: P }],
    ['apiKey', admin, {}],
    ['apiKey', provider, { provider: P }],
    ['lane', provider, { provider: P }],
    ['lane', admin, '404 Lane was not found.'],
    ['lane', buyer, '404 Lane was not found.'],
    ['quoteOption', buyer, { buyer: B }],
    ['quoteOption', admin, '404 Quote option was not found.'],
    ['event', admin, {}],
    ['event', buyer, { buyer: B }],
    ['event', provider, { provider: P }],
    ['webhookEndpoint', admin, {}],
    ['webhookEndpoint', buyer, { buyer: B }],
  ])('%s for %j', (resource, principal, expected) => {
    let scope: unknown;
    const refused = outcome(() => {
      scope = accessScope(principal, resource);
    });
    expect(refused === 'ok' ? scope : refused).toEqual(expected);
  });
});
