import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { ClaimEntity, type ClaimStatus } from './claim.entity';

export type NewClaim = Pick<
  ClaimEntity,
  'id' | 'orderId' | 'buyerId' | 'type' | 'status' | 'description' | 'askedMinor' | 'approvedMinor'
> & { at: Date };

/** A claim and the id of the credit its approval issued. */
export interface ClaimWithCredit {
  claim: ClaimEntity;
  creditId: string | null;
}

/** The claims aggregate (SPEC §6.3, §6.4). `UNIQUE (order_id, type)` makes "one claim of a type per order" hold under any race. */
@Injectable()
export class ClaimsRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** False when the order already has a claim of this type. A claim decided when filed is reviewed then. */
  async insert(c: NewClaim): Promise<boolean> {
    const { at, ...claim } = c;
    const result = await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(ClaimEntity)
      .values({ ...claim, reason: null, createdAt: at, reviewedAt: c.status === 'pending' ? null : at })
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  async find(id: string): Promise<ClaimWithCredit | null> {
    const { entities, raw } = await this.tx.manager
      .createQueryBuilder(ClaimEntity, 'c')
      .addSelect('(SELECT cr.id FROM credits cr WHERE cr.claim_id = c.id)', 'credit_id')
      .where('c.id = :id', { id })
      .getRawAndEntities<{ credit_id: string | null }>();
    const claim = entities[0];
    return claim ? { claim, creditId: raw[0]!.credit_id } : null;
  }

  /** Conditional: only a pending claim is reviewed, so reviewing twice is refused by the database. */
  async review(
    id: string,
    r: { status: Exclude<ClaimStatus, 'pending'>; approvedMinor: number | null; reason: string | null; at: Date },
  ): Promise<boolean> {
    const result = await this.tx.manager
      .createQueryBuilder()
      .update(ClaimEntity)
      .set({ status: r.status, approvedMinor: r.approvedMinor, reason: r.reason, reviewedAt: r.at })
      .where("id = :id AND status = 'pending'", { id })
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length === 1;
  }
}
