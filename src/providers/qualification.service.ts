import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error';
import { BookableLanesService } from './bookable-lanes.service';
import type { QualificationResultDto } from './dto/provider.dto';
import { LaneEntity } from './lane.entity';
import { bumpMarketVersion } from './market-version';
import { ProviderDocumentEntity } from './provider-document.entity';
import { NO_PERFORMANCE, ProviderPerformanceReader } from './provider-performance';
import { ProviderEntity } from './provider.entity';
import { toQualificationDocument } from './providers.mapper';
import { evaluateQualification, nextStatus } from './qualification';
import { EventLog } from '../events/event-log';
import { toProviderDto } from './providers.mapper';

export interface CheckOutcome {
  result: QualificationResultDto;
  statusChanged: boolean;
}

/**
 * Runs the §4.3 check for one provider inside the caller's transaction: loads the facts, calls the
 * pure rule, stores the result with its time and moves the status (§4.1).
 */
@Injectable()
export class QualificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly performance: ProviderPerformanceReader,
    private readonly bookable: BookableLanesService,
    private readonly events: EventLog,
  ) {}

  /** Records `provider.status_changed` with the provider after the change (a status move, a restriction starting). */
  async recordStatusChanged(manager: EntityManager, providerId: string, now: Date): Promise<void> {
    const provider = await manager.findOneByOrFail(ProviderEntity, { id: providerId });
    await this.events.record(manager, 'provider.status_changed', toProviderDto(provider, now), { providerId });
  }

  /** The route: its own transaction; a status change reaches the market at once on this instance. */
  async run(providerId: string, now: Date): Promise<QualificationResultDto> {
    const outcome = await this.dataSource.transaction((m) => this.checkIn(m, providerId, now));
    if (outcome.statusChanged) this.bookable.invalidate();
    return outcome.result;
  }

  /** Locks the provider row so two checks of one provider run one after the other. */
  async checkIn(manager: EntityManager, providerId: string, now: Date): Promise<CheckOutcome> {
    const provider = await manager.findOne(ProviderEntity, { where: { id: providerId }, lock: { mode: 'pessimistic_write' } });
    if (!provider) throw new NotFoundError('Provider');
    // One after the other: the queries share the transaction's single connection.
    const documents = await manager.find(ProviderDocumentEntity, { where: { providerId } });
    const lanes = await manager.find(LaneEntity, { where: { providerId, active: true }, select: { destinationCountry: true, mode: true } });
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
    await manager.update(ProviderEntity, { id: providerId }, { status, lastCheck: { qualified, results }, checkedAt: now });
    const statusChanged = status !== provider.status;
    if (statusChanged) await bumpMarketVersion(manager);
    if (statusChanged) await this.recordStatusChanged(manager, providerId, now);
    return { result: { qualified, checkedAt: now, results }, statusChanged };
  }
}
