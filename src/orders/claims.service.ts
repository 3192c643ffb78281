import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors/domain-error';
import { MetricsService } from '../common/metrics/metrics.service';
import { decodeCursor, toPage } from '../common/pagination/pagination';
import { TransactionContext } from '../database/transaction-context';
import { BuyerLink } from './buyer-link';
import { toClaimDto, toCreditDto } from './claims.mapper';
import { ClaimsRepository } from './claims.repository';
import { CreditsRepository } from './credits.repository';
import type { ClaimDto, CreateClaimDto, CreditPageDto, ReviewClaimDto } from './dto/claim.dto';
import {
  claimEligibility,
  creditExpiry,
  DAMAGE_CLAIM_WINDOW_DAYS,
  LATE_CLAIM_WINDOW_DAYS,
  lateCreditMinor,
  LOSS_CLAIM_WINDOW_DAYS,
  maxDamageApprovalMinor,
} from './guarantee';
import type { ClaimRefusalCode } from './guarantee';
import { OrderEvents } from './order-events';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

/**
 * Claims and credits (SPEC §6.3, §6.4). A late-delivery claim is decided by rule, so it is approved
 * when filed and its credit issued at once; damage and loss claims wait for an admin.
 */
@Injectable()
export class ClaimsService {
  private readonly issued: Counter<'reason'>;

  constructor(
    private readonly tx: TransactionContext,
    private readonly orders: OrdersService,
    private readonly orderRows: OrdersRepository,
    private readonly claims: ClaimsRepository,
    private readonly creditsRepo: CreditsRepository,
    private readonly buyers: BuyerLink,
    private readonly clock: Clock,
    metrics: MetricsService,
    private readonly events: OrderEvents,
  ) {
    this.issued = metrics.counter('claim_credits_issued_total', 'Credits issued on claims, by reason', ['reason']);
  }

  async file(principal: Principal, orderId: string, body: CreateClaimDto): Promise<ClaimDto> {
    const now = this.clock.now();
    const claimId = randomUUID();
    await this.tx.run(async () => {
      const order = await this.orders.lockOwn(principal, orderId);
      const eligible = claimEligibility(body.type, order, now);
      if (!eligible.ok) throw claimRefusal(body.type, eligible.code, order);
      const approvedMinor = body.type === 'late_delivery' ? lateCreditMinor(order.totalMinor) : null;
      const inserted = await this.claims.insert({
        id: claimId,
        orderId,
        buyerId: order.buyerId,
        type: body.type,
        status: approvedMinor === null ? 'pending' : 'approved',
        description: body.description ?? null,
        askedMinor: body.askedMinor ?? null,
        approvedMinor,
        at: now,
      });
      if (!inserted) throw new ConflictError('claim_exists', `This order already has a ${body.type} claim.`);
      let creditId: string | null = null;
      if (approvedMinor !== null) {
        creditId = randomUUID();
        const issued = await this.creditsRepo.insert({
          id: creditId,
          buyerId: order.buyerId,
          orderId,
          claimId,
          amountMinor: approvedMinor,
          reason: 'late_delivery',
          issuedAt: now,
          expiresAt: creditExpiry(now),
        });
        if (!issued) throw new ConflictError('claim_exists', 'The late-delivery credit of this order was already issued.');
        this.issued.inc({ reason: 'late_delivery' });
      }
      await this.events.claim('claim.created', claimId);
      if (creditId) await this.events.credits('credit.issued', [creditId], now);
    });
    return this.getClaim(claimId);
  }

  /** Admin: approve an amount ≤ declared value + order total (it becomes a credit), or reject with a reason. */
  async review(claimId: string, body: ReviewClaimDto): Promise<ClaimDto> {
    const now = this.clock.now();
    await this.tx.run(async () => {
      const found = await this.claims.find(claimId);
      if (!found) throw new NotFoundError('Claim');
      const { claim } = found;
      const order = (await this.orderRows.find(claim.orderId, true))!;
      const approvedMinor = body.decision === 'approved' ? body.approvedMinor! : null;
      if (approvedMinor !== null) {
        const limit = maxDamageApprovalMinor(order.declaredValueMinor, order.totalMinor);
        if (approvedMinor > limit) {
          throw new BusinessRuleError('amount_exceeds_limit', `At most ${limit} cents (declared value + order total) may be approved.`, [
            { field: 'approvedMinor', message: `must be at most ${limit}` },
          ]);
        }
      }
      const reviewed = await this.claims.review(claimId, { status: body.decision, approvedMinor, reason: body.reason ?? null, at: now });
      if (!reviewed) throw new ConflictError('claim_already_reviewed', 'This claim was already reviewed.');
      const creditId = randomUUID();
      if (approvedMinor !== null) {
        await this.creditsRepo.insert({
          id: creditId,
          buyerId: claim.buyerId,
          orderId: claim.orderId,
          claimId,
          amountMinor: approvedMinor,
          reason: claim.type,
          issuedAt: now,
          expiresAt: creditExpiry(now),
        });
        this.issued.inc({ reason: claim.type });
      }
      await this.events.claim('claim.reviewed', claimId);
      if (approvedMinor !== null) await this.events.credits('credit.issued', [creditId], now);
    });
    return this.getClaim(claimId);
  }

  /** A page of the buyer's credits, newest first, and the balance of all its spendable ones. */
  async credits(principal: Principal, buyerId: string, limit: number, cursor: string | undefined): Promise<CreditPageDto> {
    await this.buyers.assertVisible(principal, buyerId);
    const now = this.clock.now();
    const rows = await this.creditsRepo.page(buyerId, decodeCursor(cursor), limit);
    const balanceMinor = await this.creditsRepo.balance(buyerId, now);
    return {
      ...toPage(
        rows,
        limit,
        (r) => ({ key: r.issuedAt.toISOString(), id: r.id }),
        (r) => toCreditDto(r, now),
      ),
      balanceMinor,
    };
  }

  private async getClaim(id: string): Promise<ClaimDto> {
    return toClaimDto((await this.claims.find(id))!);
  }
}

/** The API's answer to a refused claim, worded per type and code. */
function claimRefusal(
  type: ClaimDto['type'],
  code: ClaimRefusalCode,
  order: { status: string; guaranteedBy: string },
): ConflictError | BusinessRuleError {
  const { status, guaranteedBy } = order;
  if (code === 'claim_exists')
    return new ConflictError('claim_exists', 'Late delivery on this order is compensated automatically (tier at booking L3/L4).');
  if (type === 'late_delivery') {
    if (code === 'claim_not_allowed')
      return new BusinessRuleError('claim_not_allowed', `A ${status} order has no late-delivery claim; use a lost claim.`);
    if (code === 'claim_too_early')
      return new BusinessRuleError(code, `A late-delivery claim can be filed from the day after ${guaranteedBy}.`);
    if (code === 'claim_window_closed')
      return new BusinessRuleError(code, `Late-delivery claims close ${LATE_CLAIM_WINDOW_DAYS} days after ${guaranteedBy}.`);
    return new BusinessRuleError(code, 'The order was delivered on time.');
  }
  const needed = type === 'damaged' ? 'delivered' : 'lost';
  if (code === 'claim_window_closed') {
    const days = type === 'damaged' ? DAMAGE_CLAIM_WINDOW_DAYS : LOSS_CLAIM_WINDOW_DAYS;
    return new BusinessRuleError(code, `A ${type} claim must be filed within ${days} days of the ${needed} event.`);
  }
  return new BusinessRuleError('claim_not_allowed', `A ${type} claim needs a ${needed} order; this one is ${status}.`);
}
