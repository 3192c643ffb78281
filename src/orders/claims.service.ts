import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors/domain-error';
import { MetricsService } from '../common/metrics/metrics.service';
import { decodeCursor, toPage } from '../common/pagination/pagination';
import { TransactionContext } from '../database/transaction-context';
import { EventLog } from '../events/event-log';
import { creditsRepository as repo, toClaimDto, toCreditDto } from './credits.repository';
import type { ClaimDto, CreateClaimDto, CreditPageDto, ReviewClaimDto } from './dto/claim.dto';
import { creditExpiry, lateClaimEligibility, lateCreditMinor, LATE_CLAIM_WINDOW_DAYS, maxDamageApprovalMinor } from './guarantee';
import { ordersRepository } from './orders.repository';
import { BuyerLink } from './buyer-link';
import { OrdersService } from './orders.service';

const DAY_MS = 86_400_000;

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
    private readonly buyers: BuyerLink,
    private readonly clock: Clock,
    metrics: MetricsService,
    private readonly events: EventLog,
  ) {
    this.issued = metrics.counter('claim_credits_issued_total', 'Credits issued on claims, by reason', ['reason']);
  }

  async file(principal: Principal, orderId: string, body: CreateClaimDto): Promise<ClaimDto> {
    const now = this.clock.now();
    const claimId = randomUUID();
    await this.tx.run(async (m) => {
      const order = await this.orders.lockOwn(m, principal, orderId);
      let approvedMinor: number | null = null;
      if (body.type === 'late_delivery') {
        if (order.automatic_compensation) {
          throw new ConflictError('claim_exists', 'Late delivery on this order is compensated automatically (tier at booking L3/L4).');
        }
        if (order.status === 'cancelled' || order.status === 'lost') {
          throw new BusinessRuleError('claim_not_allowed', `A ${order.status} order has no late-delivery claim; use a lost claim.`);
        }
        const eligible = lateClaimEligibility({ guaranteedBy: order.guaranteed_by, deliveredAt: order.delivered_at, today: now });
        if (!eligible.ok) throw new BusinessRuleError(eligible.code, lateClaimMessage(eligible.code, order.guaranteed_by));
        approvedMinor = lateCreditMinor(Number(order.total_minor));
      } else {
        const since = body.type === 'damaged' ? order.delivered_at : order.lost_at;
        const needed = body.type === 'damaged' ? 'delivered' : 'lost';
        if (order.status !== needed || !since) {
          throw new BusinessRuleError('claim_not_allowed', `A ${body.type} claim needs a ${needed} order; this one is ${order.status}.`);
        }
        if (now.getTime() > since.getTime() + LATE_CLAIM_WINDOW_DAYS * DAY_MS) {
          throw new BusinessRuleError('claim_window_closed', `A ${body.type} claim must be filed within 30 days of the ${needed} event.`);
        }
      }
      const inserted = await repo.insertClaim(m, {
        id: claimId,
        orderId,
        buyerId: order.buyer_id,
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
        const issued = await repo.insert(m, {
          id: creditId,
          buyerId: order.buyer_id,
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
      await this.events.record(m, 'claim.created', toClaimDto((await repo.findClaim(m, claimId))!), { buyerId: order.buyer_id });
      if (creditId) await this.orders.recordCredits(m, 'credit.issued', [creditId], now);
    });
    return this.getClaim(claimId);
  }

  /** Admin: approve an amount ≤ declared value + order total (it becomes a credit), or reject with a reason. */
  async review(claimId: string, body: ReviewClaimDto): Promise<ClaimDto> {
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const claim = await repo.findClaim(m, claimId);
      if (!claim) throw new NotFoundError('Claim');
      const order = (await ordersRepository.find(m, claim.order_id, true))!;
      const approvedMinor = body.decision === 'approved' ? body.approvedMinor! : null;
      if (approvedMinor !== null) {
        const limit = maxDamageApprovalMinor(Number(order.declared_value_minor), Number(order.total_minor));
        if (approvedMinor > limit) {
          throw new BusinessRuleError('amount_exceeds_limit', `At most ${limit} cents (declared value + order total) may be approved.`, [
            { field: 'approvedMinor', message: `must be at most ${limit}` },
          ]);
        }
      }
      const reviewed = await repo.reviewClaim(m, claimId, { status: body.decision, approvedMinor, reason: body.reason ?? null, at: now });
      if (!reviewed) throw new ConflictError('claim_already_reviewed', 'This claim was already reviewed.');
      const creditId = randomUUID();
      if (approvedMinor !== null) {
        await repo.insert(m, {
          id: creditId,
          buyerId: claim.buyer_id,
          orderId: claim.order_id,
          claimId,
          amountMinor: approvedMinor,
          reason: claim.type,
          issuedAt: now,
          expiresAt: creditExpiry(now),
        });
        this.issued.inc({ reason: claim.type });
      }
      await this.events.record(m, 'claim.reviewed', toClaimDto((await repo.findClaim(m, claimId))!), { buyerId: claim.buyer_id });
      if (approvedMinor !== null) await this.orders.recordCredits(m, 'credit.issued', [creditId], now);
    });
    return this.getClaim(claimId);
  }

  /** A page of the buyer's credits, newest first, and the balance of all its spendable ones. */
  async credits(principal: Principal, buyerId: string, limit: number, cursor: string | undefined): Promise<CreditPageDto> {
    await this.buyers.assertVisible(principal, buyerId);
    const now = this.clock.now();
    const rows = await repo.page(this.tx.manager, buyerId, decodeCursor(cursor), limit);
    const balanceMinor = await repo.balance(this.tx.manager, buyerId, now);
    return { ...toPage(rows, limit, (r) => ({ key: r.issued_at.toISOString(), id: r.id }), (r) => toCreditDto(r, now)), balanceMinor };
  }

  private async getClaim(id: string): Promise<ClaimDto> {
    return toClaimDto((await repo.findClaim(this.tx.manager, id))!);
  }
}

function lateClaimMessage(code: string, guaranteedBy: string): string {
  if (code === 'claim_too_early') return `A late-delivery claim can be filed from the day after ${guaranteedBy}.`;
  if (code === 'claim_window_closed') return `Late-delivery claims close 30 days after ${guaranteedBy}.`;
  return 'The order was delivered on time.';
}
