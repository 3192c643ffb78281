import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError } from '../common/errors/domain-error';
import { validateTierPolicy, type TierPolicy } from './tier-policy';
import { TierPolicyRepository } from './tier-policy.repository';

/** How long an instance trusts its cached "current policy" for reads (tier benefits for quotes). */
export const POLICY_RELOAD_MS = 10_000;

export interface PublishedPolicy extends TierPolicy {
  publishedAt: Date;
}

/**
 * Reads and publishes tier policy versions. Evaluations (which write a tier) always read the newest
 * version from the database inside their transaction. Benefit reads (`current()`) use an in-memory
 * copy: a publish replaces it at once on the instance that served it; other instances reload it
 * at most POLICY_RELOAD_MS (10 s) later. Versions are immutable, so each is parsed once and kept.
 */
@Injectable()
export class TierPolicyService {
  private readonly versions = new Map<number, PublishedPolicy>();
  private current_: { policy: PublishedPolicy; loadedAt: number } | null = null;

  constructor(private readonly repo: TierPolicyRepository) {}

  /** The newest version, read now (for evaluations). */
  async latest(manager?: EntityManager): Promise<PublishedPolicy> {
    return this.version(await this.repo.latestVersion(manager), manager);
  }

  /** The newest version as this instance knows it (at most POLICY_RELOAD_MS old). */
  async current(): Promise<PublishedPolicy> {
    const now = Date.now(); // cache freshness, not a business decision
    if (this.current_ && now - this.current_.loadedAt < POLICY_RELOAD_MS) return this.current_.policy;
    const policy = await this.latest();
    this.current_ = { policy, loadedAt: now };
    return policy;
  }

  async version(version: number, manager?: EntityManager): Promise<PublishedPolicy> {
    const known = this.versions.get(version);
    if (known) return known;
    const row = await this.repo.find(version, manager);
    const policy: PublishedPolicy = { version: row.version, tiers: row.document.tiers, publishedAt: row.publishedAt };
    this.versions.set(version, policy);
    return policy;
  }

  /** Validates and publishes the next version; two publishes at once → one wins, the other 409s. */
  async publish(document: Omit<TierPolicy, 'version'>, publishedBy: string): Promise<PublishedPolicy> {
    const base = await this.latest();
    const errors = validateTierPolicy({ version: base.version + 1, tiers: document.tiers });
    if (errors.length > 0) throw new InvalidInputError('The tier policy is invalid; see errors.', errors);
    const version = await this.repo.insertNext({ tiers: document.tiers }, publishedBy);
    if (version === null)
      throw new ConflictError('tier_policy_conflict', 'Another policy version was published at the same moment; retry.');
    const policy = await this.version(version);
    this.current_ = { policy, loadedAt: Date.now() };
    return policy;
  }
}
