import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Counter } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { canAccess, type Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-error';
import { MetricsService } from '../common/metrics/metrics.service';
import { BookableLanesService } from '../providers/bookable-lanes.service';
import { bumpMarketVersion } from '../providers/market-version';
import { EventLog } from '../events/event-log';
import { QualificationService } from '../providers/qualification.service';
import { complianceRepository as repo } from './compliance.repository';
import type { ComplianceDto, RecordViolationDto, ViolationDto } from './dto/compliance.dto';
import { applyEntry, demotionUntil, entryExpiry, VIOLATION_POINTS, type ViolationCode } from './points';

export interface RecordedViolation {
  violationId: string;
  activePoints: number;
}

/**
 * The violation-point ledger (SPEC §7) and its consequences. `record` runs inside the caller's
 * transaction (a late delivery, a provider cancel, a lost shipment, a pickup breach, an admin
 * decision), so the point, its threshold action and the event that caused it commit together.
 */
@Injectable()
export class ComplianceService {
  private readonly points: Counter<'code'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
   * has an entry of this code. Callers must call `afterCommit()` once their transaction committed.
   */
  async record(
    m: EntityManager,
    input: { providerId: string; code: ViolationCode; orderId?: string | null; note?: string | null },
    now: Date,
  ): Promise<RecordedViolation | null> {
    const provider = await repo.provider(m, input.providerId, true);
    if (!provider) throw new NotFoundError('Provider');
    const before = await repo.activePoints(m, input.providerId, now);
    const points = VIOLATION_POINTS[input.code];
    const violationId = await repo.insertEntry(m, {
      providerId: input.providerId,
      code: input.code,
      points,
      orderId: input.orderId ?? null,
      note: input.note ?? null,
      createdAt: now,
      expiresAt: entryExpiry(now),
    });
    if (!violationId) return null;
    this.points.inc({ code: input.code }, points);

    const after = before + points;
    const outcome = applyEntry({
      before,
      after,
      current: { restrictedUntil: provider.restricted_until, terminated: provider.status === 'terminated' },
      now,
    });
    const demotedUntil = demotionUntil(input.code, now, provider.demoted_until);
    await repo.updateSanctions(m, input.providerId, { restrictedUntil: outcome.restrictedUntil, demotedUntil, terminate: outcome.terminate });
    let lanesDeactivated = false;
    if (outcome.deactivateLanes) lanesDeactivated = (await repo.deactivateLanes(m, input.providerId, now)) > 0;
    if (outcome.crossed) {
      await repo.insertAction(m, {
        providerId: input.providerId,
        violationId,
        threshold: outcome.crossed.points,
        action: outcome.crossed.action,
        restrictedUntil: outcome.crossed.action === 'restrict' ? outcome.restrictedUntil : null,
        lanesDeactivated,
        at: now,
      });
    }
    await bumpMarketVersion(m);
    const restricted = outcome.restrictedUntil?.getTime() !== provider.restricted_until?.getTime() || outcome.terminate;
    if (restricted) await this.qualification.recordStatusChanged(m, input.providerId, now);
    // §4.3: the check also runs after every violation (violation_points fails at 36).
    await this.qualification.checkIn(m, input.providerId, now);
    const view = await this.read(m, input.providerId, undefined, now);
    await this.events.record(m, 'provider.violation_recorded', view, { providerId: input.providerId });
    if (outcome.crossed) await this.events.record(m, 'provider.compliance_action', view, { providerId: input.providerId });
    return { violationId, activePoints: after };
  }

  /** After the caller's commit: this instance's market cache sees the new listing at once. */
  afterCommit(): void {
    this.bookable.invalidate();
  }

  /** `POST /v1/providers/{id}/violations` (admin). */
  async recordByAdmin(providerId: string, body: RecordViolationDto): Promise<ViolationDto> {
    const now = this.clock.now();
    const recorded = await this.dataSource.transaction((m) =>
      this.record(m, { providerId, code: body.code, orderId: null, note: body.note ?? null }, now),
    );
    this.afterCommit();
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
    if (!canAccess(principal, 'provider', providerId)) throw new NotFoundError('Provider');
    return this.read(this.dataSource.manager, providerId, month, this.clock.now());
  }

  /** The compliance record as of `now`, read with `m` (also inside the transaction that changed it). */
  private async read(m: EntityManager, providerId: string, month: string | undefined, now: Date): Promise<ComplianceDto> {
    const provider = await repo.provider(m, providerId);
    if (!provider) throw new NotFoundError('Provider');
    const monthKey = month ?? now.toISOString().slice(0, 7);
    const from = new Date(`${monthKey}-01T00:00:00Z`);
    const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
    // One after the other: inside a transaction the queries share its single connection.
    const monthEntries = await repo.entries(m, providerId, from, to);
    const active = await repo.activeEntries(m, providerId, now);
    const actions = await repo.warnings(m, providerId);
    const toEntry = (e: (typeof active)[number]) => ({
      id: e.id,
      code: e.code,
      points: e.points,
      orderId: e.order_id,
      note: e.note,
      createdAt: e.created_at,
      expiresAt: e.expires_at,
    });
    const running = (at: Date | null) => (at && at > now ? at : null);
    return {
      providerId,
      activePoints: active.reduce((sum, e) => sum + e.points, 0),
      restrictedUntil: running(provider.restricted_until),
      demotedUntil: running(provider.demoted_until),
      terminated: provider.status === 'terminated',
      warnings: actions.map((a) => ({
        threshold: a.threshold,
        action: a.action,
        restrictedUntil: a.restricted_until,
        lanesDeactivated: a.lanes_deactivated,
        at: a.created_at,
      })),
      month: { month: monthKey, violations: monthEntries.length, points: monthEntries.reduce((sum, e) => sum + e.points, 0), entries: monthEntries.map(toEntry) },
      entries: active.map(toEntry),
    };
  }
}
