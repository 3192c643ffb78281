import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { isDatabaseUnavailable } from '../../database/connection-errors';
import { NotFoundError, InvalidInputError } from '../errors/domain-error';
import { accessScope, requireAccess } from './access-policy';
import type { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import { generateSecret, hashSecret, secretPrefix } from './api-key-secret';
import type { Principal, Role } from './principal';
import type { EntityManager } from 'typeorm';

interface CacheEntry {
  principal: Principal | null;
  expiresAt: number;
}

const MAX_CACHE_ENTRIES = 50_000;

/** Whether a buyer or provider exists, answered by the module that owns it (registered at start). */
export type SubjectExists = (id: string) => Promise<boolean>;

/**
 * Issues, authenticates and revokes API keys. Authentication is on every request, so lookups are
 * cached per instance for `API_KEY_CACHE_TTL_MS` (default 10 s), unknown keys included so a flood
 * of bad keys cannot hammer the database. A revoke takes effect at once on the instance that served
 * it; other instances drop the key when their cache entry expires (at most one TTL later).
 */
@Injectable()
export class ApiKeysService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly subjects = new Map<'buyer' | 'provider', SubjectExists>();

  constructor(
    private readonly repo: ApiKeysRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The cached answer for this secret (null: known to be unknown), or undefined when a lookup is needed. */
  cached(secret: string): Principal | null | undefined {
    const cached = this.cache.get(hashSecret(secret));
    return cached && cached.expiresAt > Date.now() ? cached.principal : undefined;
  }

  async authenticate(secret: string): Promise<Principal | null> {
    const hash = hashSecret(secret);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > now) return cached.principal;

    const principal = await this.repo.principalOf(hash);
    if (this.config.apiKeyCacheTtlMs > 0) {
      if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(hash, { principal, expiresAt: now + this.config.apiKeyCacheTtlMs });
    }
    return principal;
  }

  /** Creates a key and returns its secret, the only time the secret is ever shown. */
  async issue(
    input: { role: Role; subjectId: string | null; label?: string | null },
    manager?: EntityManager,
  ): Promise<{ key: ApiKeyEntity; secret: string }> {
    const secret = generateSecret();
    const key = await this.repo.insert(
      { prefix: secretPrefix(secret), hash: hashSecret(secret), role: input.role, subjectId: input.subjectId, label: input.label ?? null },
      manager,
    );
    return { key, secret };
  }

  /** Creates (or keeps) a key with a secret chosen by the operator: ADMIN_API_KEY and demo keys. */
  async ensure(secret: string, input: { role: Role; subjectId: string | null; label: string }): Promise<void> {
    await this.repo.insertIfAbsent({ prefix: secretPrefix(secret), hash: hashSecret(secret), ...input });
    this.cache.delete(hashSecret(secret)); // a cached "unknown key" must not outlive its creation
  }

  /** An admin issues a key of any role; a party issues extra keys for itself only. */
  async issueFor(caller: Principal, input: { role?: Role; subjectId?: string | null; label?: string | null }) {
    if (caller.role !== 'admin') {
      const role = input.role || caller.role;
      const subjectId = input.subjectId || caller.subjectId;
      requireAccess(caller, 'apiKeyIssue', {
        buyer: role === 'buyer' ? subjectId : null,
        provider: role === 'provider' ? subjectId : null,
      });
      return this.issue({ role: caller.role, subjectId: caller.subjectId, label: input.label ?? null });
    }
    const role = input.role ?? 'admin';
    const subjectId = input.subjectId ?? null;
    if ((role === 'admin') !== (subjectId === null)) {
      throw new InvalidInputError('An admin key has no subjectId; a buyer or provider key needs one.', [
        { field: 'subjectId', message: role === 'admin' ? 'must be absent for an admin key' : `required for a ${role} key` },
      ]);
    }
    if (subjectId !== null) await this.assertSubjectExists(role as 'buyer' | 'provider', subjectId);
    return this.issue({ role, subjectId, label: input.label ?? null });
  }

  async revoke(caller: Principal, id: string): Promise<void> {
    const scope = accessScope(caller, 'apiKey');
    const owner = scope.buyer
      ? { role: 'buyer' as const, subjectId: scope.buyer }
      : scope.provider
        ? { role: 'provider' as const, subjectId: scope.provider }
        : null;
    const hashes = await this.repo.revoke(id, owner);
    if (hashes.length === 0) throw new NotFoundError('API key');
    for (const hash of hashes) this.cache.delete(hash);
  }

  /**
   * The buyers and providers modules say here how to know whether a subject exists (in their
   * `onModuleInit`), so common depends on neither and names none of their tables.
   */
  registerSubjects(role: 'buyer' | 'provider', exists: SubjectExists): void {
    this.subjects.set(role, exists);
  }

  private async assertSubjectExists(role: 'buyer' | 'provider', id: string): Promise<void> {
    const lookup = this.subjects.get(role);
    if (!lookup) throw new Error(`no ${role} subjects registered`);
    const exists = await lookup(id)
      // An id PostgreSQL cannot read is no subject; an outage is still an outage (503).
      .catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) throw error;
        return false;
      });
    if (!exists) throw new NotFoundError(role === 'buyer' ? 'Buyer' : 'Provider');
  }
}
