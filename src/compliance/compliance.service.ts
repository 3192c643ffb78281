import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-error';
import { MetricsService } from '../common/metrics/metrics.service';
import { TransactionContext } from '../database/transaction-context';
import { BookableLanesService } from '../providers/bookable-lanes.service';
import { EventLog } from '../events/event-log';
import { ProviderRestrictions } from '../providers/provider-restrictions';
import { QualificationService } from '../providers/qualification.service';
import { ComplianceActionsRepository } from './compliance-actions.repository';
import type { ComplianceDto, RecordViolationDto, ViolationDto } from './dto/compliance.dto';
import { activePoints, applyEntry, demotionUntil, entryExpiry, monthWindow, VIOLATION_POINTS, type ViolationCode } from './points';
import type { ViolationEntity } from './violation.entity';
import { ViolationsRepository } from './violations.repository';

export interface RecordedViolation {
  violationId: string;
  activePoints: number;
}

/**
 * The violation-point ledger (SPEC §7) and its consequences. `record` runs inside the caller's
 * transaction (a late delivery, a provider cancel, a lost shipment, a pickup breach, an admin
 * decision), so the point, its threshold action and the event that caused it commit together.
 * The provider is acted on through the providers' ProviderRestrictions port only.
 */
@Injectable()
export class ComplianceService {
  private readonly points: Counter<'code'>;

  constructor(
    private readonly tx: TransactionContext,
    private readonly violations: ViolationsRepository,
    private readonly actions: ComplianceActionsRepository,
    private readonly restrictions: ProviderRestrictions,
    private readonly qualification: QualificationService,
    private readonly bookable: BookableLanesService,
    private readonly clock: Clock,
    metrics: MetricsService,
    private readonly events: EventLog,
  ) {
    this.points = metrics.counter('violation_points_total', 'Violation points recorded, by code', ['code']);
  }

  /**
   * Adds an entry and applies the threshold it crosses, once. Returns null when the order already
   * has an entry of this code. The market cache's invalidation is registered on the
   * caller's transaction (TransactionContext.afterCommit): it runs once that has committed.
   */
  async record(
    m: EntityManager,
    input: { providerId: string; code: ViolationCode; orderId?: string | null; note?: string | null },
    now: Date,
  ): Promise<RecordedViolation | null> {
    const provider = await this.restrictions.sanctions(input.providerId, { lock: true }, m);
    if (!provider) throw new NotFoundError('Provider');
    const before = await this.violations.activePoints(input.providerId, now, m);
    const points = VIOLATION_POINTS[input.code];
    const violationId = await this.violations.insert(
      {
        providerId: input.providerId,
        code: input.code,
        points,
        orderId: input.orderId ?? null,
        note: input.note ?? null,
        createdAt: now,
        expiresAt: entryExpiry(now),
      },
      m,
    );
    if (!violationId) return null;
    this.tx.afterCommit(() => this.bookable.invalidate());
    this.points.inc({ code: input.code }, points);
    const after = before + points;
    const outcome = applyEntry({
      before,
      after,
      current: { restrictedUntil: provider.restrictedUntil, terminated: provider.status === 'terminated' },
      now,
    });
    const demotedUntil = demotionUntil(input.code, now, provider.demotedUntil);
    const { lanesDeactivated } = await this.restrictions.apply(
      input.providerId,
      {
        restrictedUntil: outcome.restrictedUntil,
        demotedUntil,
        terminate: outcome.terminate,
        deactivateLanesAt: outcome.deactivateLanes ? now : null,
      },
      m,
    );
    if (outcome.crossed) {
      await this.actions.insert(
        {
          providerId: input.providerId,
          violationId,
          threshold: outcome.crossed.points,
          action: outcome.crossed.action,
          restrictedUntil: outcome.crossed.action === 'restrict' ? outcome.restrictedUntil : null,
          lanesDeactivated,
          createdAt: now,
        },
        m,
      );
    }
    const restricted = outcome.restrictedUntil?.getTime() !== provider.restrictedUntil?.getTime() || outcome.terminate;
    if (restricted) await this.qualification.recordStatusChanged(m, input.providerId, now);
    // §4.3: the check also runs after every violation (violation_points fails at 36).
    await this.qualification.checkIn(m, input.providerId, now);
    const view = await this.read(input.providerId, undefined, now, m);
    await this.events.record('provider.violation_recorded', view, { providerId: input.providerId });
    if (outcome.crossed) await this.events.record('provider.compliance_action', view, { providerId: input.providerId });
    return { violationId, activePoints: after };
  }

  /** `POST /v1/providers/{id}/violations` (admin). */
  async recordByAdmin(providerId: string, body: RecordViolationDto): Promise<ViolationDto> {
    const now = this.clock.now();
    const recorded = await this.tx.run((m) => this.record(m, { providerId, code: body.code, orderId: null, note: body.note ?? null }, now));
    return {
      id: recorded!.violationId,
      code: body.code,
      points: VIOLATION_POINTS[body.code],
      orderId: null,
      note: body.note ?? null,
      createdAt: now,
      expiresAt: entryExpiry(now),
      activePoints: recorded!.activePoints,
    };
  }

  /** `GET /v1/providers/{id}/compliance?month=YYYY-MM`: the month's entries and the running state. */
  async compliance(principal: Principal, providerId: string, month: string | undefined): Promise<ComplianceDto> {
    requireAccess(principal, 'provider', providerId);
    return this.read(providerId, month, this.clock.now());
  }

  /** The compliance record as of `now`, read with `m` (also inside the transaction that changed it). */
  private async read(providerId: string, month: string | undefined, now: Date, m: EntityManager = this.tx.manager): Promise<ComplianceDto> {
    const provider = await this.restrictions.sanctions(providerId, { lock: false }, m);
    if (!provider) throw new NotFoundError('Provider');
    const monthKey = month ?? now.toISOString().slice(0, 7);
    const { from, to } = monthWindow(monthKey);
    // One after the other: inside a transaction the queries share its single connection.
    const monthEntries = await this.violations.createdBetween(providerId, from, to, m);
    const active = await this.violations.active(providerId, now, m);
    const actions = await this.actions.ofProvider(providerId, m);
    const toEntry = (e: ViolationEntity) => ({
      id: e.id,
      code: e.code,
      points: e.points,
      orderId: e.orderId,
      note: e.note,
      createdAt: e.createdAt,
      expiresAt: e.expiresAt,
    });
    const running = (at: Date | null) => (at && at > now ? at : null);
    return {
      providerId,
      activePoints: activePoints(active, now),
      restrictedUntil: running(provider.restrictedUntil),
      demotedUntil: running(provider.demotedUntil),
      terminated: provider.status === 'terminated',
      warnings: actions.map((a) => ({
        threshold: a.threshold,
        action: a.action,
        restrictedUntil: a.restrictedUntil,
        lanesDeactivated: a.lanesDeactivated,
        at: a.createdAt,
      })),
      month: {
        month: monthKey,
        violations: monthEntries.length,
        points: monthEntries.reduce((sum, e) => sum + e.points, 0),
        entries: monthEntries.map(toEntry),
      },
      entries: active.map(toEntry),
    };
  }
}
