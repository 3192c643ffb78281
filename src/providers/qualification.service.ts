import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import { TransactionContext } from '../database/transaction-context';
import { EventLog } from '../events/event-log';
import { BookableLanesService } from './bookable-lanes.service';
import type { QualificationResultDto } from './dto/provider.dto';
import { LanesRepository } from './lanes.repository';
import { MarketVersionRepository } from './market-version.repository';
import { ProviderDocumentsRepository } from './provider-documents.repository';
import { NO_PERFORMANCE, ProviderPerformanceReader } from './provider-performance';
import { ProvidersRepository } from './providers.repository';
import { toProviderDto, toQualificationDocument } from './providers.mapper';
import { evaluateQualification, nextStatus, restrictionEndedSince } from './qualification';

export interface CheckOutcome {
  result: QualificationResultDto;
  statusChanged: boolean;
}

/**
 * Runs the §4.3 check for one provider inside the caller's transaction: loads the facts, calls the
 * pure rule, stores the result with its time and moves the status (§4.1). A status change bumps the
 * market version and drops this instance's bookable-lanes cache after the commit.
 */
@Injectable()
export class QualificationService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly providers: ProvidersRepository,
    private readonly documents: ProviderDocumentsRepository,
    private readonly lanes: LanesRepository,
    private readonly marketVersion: MarketVersionRepository,
    private readonly performance: ProviderPerformanceReader,
    private readonly bookable: BookableLanesService,
    private readonly events: EventLog,
  ) {}

  /** `POST /v1/providers/{id}/qualification-check`: an admin or the provider itself. */
  async runFor(caller: Principal, providerId: string, now: Date): Promise<QualificationResultDto> {
    requireAccess(caller, 'provider', providerId);
    return this.run(providerId, now);
  }

  /** Records `provider.status_changed` with the provider after the change (a status move, a restriction starting). */
  async recordStatusChanged(manager: EntityManager, providerId: string, now: Date): Promise<void> {
    const provider = await this.providers.find(providerId, manager);
    if (!provider) throw new NotFoundError('Provider');
    await this.events.record('provider.status_changed', toProviderDto(provider, now), { providerId });
  }

  /** The route: its own transaction. */
  async run(providerId: string, now: Date): Promise<QualificationResultDto> {
    return (await this.tx.run((m) => this.checkIn(m, providerId, now))).result;
  }

  /** Locks the provider row so two checks of one provider run one after the other. */
  async checkIn(manager: EntityManager, providerId: string, now: Date): Promise<CheckOutcome> {
    const provider = await this.providers.findForUpdate(providerId, manager);
    if (!provider) throw new NotFoundError('Provider');
    // One after the other: the queries share the transaction's single connection.
    const documents = await this.documents.ofProvider(providerId, manager);
    const lanes = await this.lanes.activeRoutes(providerId, manager);
    const figures = await this.performance.performance([providerId], now, manager);
    const perf = figures.get(providerId) ?? NO_PERFORMANCE;
    const { qualified, results } = evaluateQualification(
      {
        documents: documents.map(toQualificationDocument),
        activeLanes: lanes,
        activePoints: perf.activePoints,
        terminated: provider.status === 'terminated',
        delivered90d: perf.delivered90d,
        onTime90d: perf.onTime90d,
      },
      now,
    );
    const status = nextStatus(provider.status, qualified);
    await this.providers.saveCheck(providerId, { status, lastCheck: { qualified, results }, checkedAt: now }, manager);
    const statusChanged = status !== provider.status;
    if (statusChanged) {
      await this.marketVersion.bump();
      this.tx.afterCommit(() => this.bookable.invalidate());
    }
    if (statusChanged || restrictionEndedSince(provider.restrictedUntil, provider.checkedAt, now)) {
      await this.recordStatusChanged(manager, providerId, now);
    }
    return { result: { qualified, checkedAt: now, results }, statusChanged };
  }
}
