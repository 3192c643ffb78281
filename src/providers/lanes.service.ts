import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { accessScope, requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-error';
import type { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import type { Page } from '../common/pagination/pagination';
import { TransactionContext } from '../database/transaction-context';
import { BookableLanesService } from './bookable-lanes.service';
import type { CreateLaneDto, LaneDto, UpdateLaneDto } from './dto/lane.dto';
import type { LaneEntity } from './lane.entity';
import { LanesRepository } from './lanes.repository';
import { MarketVersionRepository } from './market-version.repository';
import { ProvidersRepository } from './providers.repository';
import { toLaneView, toRateCard } from './providers.mapper';
import { QualificationService } from './qualification.service';
import { MAX_PIECE_WEIGHT_KG, validateRateCard, type RateCard } from './rate-card';

/** Defaults of the optional rate-card fields. */
const DEFAULTS = {
  fuelSurchargeBps: 0,
  remoteArea: null,
  oversizeFeeMinor: 0,
  maxPieceWeightKg: MAX_PIECE_WEIGHT_KG,
  dangerousGoods: false,
  minBuyerTier: 'L0',
};

const toColumns = (card: RateCard) => {
  const { transitDays, ...rest } = card;
  return { ...rest, transitDaysMin: transitDays.min, transitDaysMax: transitDays.max };
};

/**
 * Lanes (§4.4). Every change runs in one transaction with the provider's qualification check and a
 * market version bump; this instance's bookable-lanes cache is dropped once it committed.
 */
@Injectable()
export class LanesService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly lanes: LanesRepository,
    private readonly providers: ProvidersRepository,
    private readonly marketVersion: MarketVersionRepository,
    private readonly qualification: QualificationService,
    private readonly bookable: BookableLanesService,
  ) {}

  async create(caller: Principal, providerId: string, input: CreateLaneDto, now: Date): Promise<LaneDto> {
    requireAccess(caller, 'providerSelf', providerId);
    const card = validated({ ...DEFAULTS, ...input, remoteArea: input.remoteArea ?? null } as RateCard);
    return this.change(async (m) => {
      if (!(await this.providers.exists(providerId, m))) throw new NotFoundError('Provider');
      const saved = await this.save(m, this.lanes.create({ providerId, ...toColumns(card) }, m));
      await this.qualification.checkIn(m, providerId, now);
      return saved.id;
    });
  }

  async list(caller: Principal, providerId: string, query: PaginationQueryDto): Promise<Page<LaneDto>> {
    requireAccess(caller, 'provider', providerId);
    if (!(await this.providers.exists(providerId))) throw new NotFoundError('Provider');
    return this.lanes.page(providerId, { cursor: query.cursor, limit: query.limit ?? 50 }, toLaneView);
  }

  /** Changes the given fields; a quote already given keeps the terms it was priced with. */
  async update(caller: Principal, laneId: string, input: UpdateLaneDto, now: Date): Promise<LaneDto> {
    const providerId = accessScope(caller, 'lane').provider!;
    return this.change(async (m) => {
      const lane = await this.lanes.findOwnForUpdate(laneId, providerId, m);
      if (!lane) throw new NotFoundError('Lane');
      if (!lane.active) throw new ConflictError('lane_inactive', 'The lane was deactivated; publish a new lane instead.');
      const card = validated({
        ...toRateCard(toLaneView(lane)),
        ...input,
        ...('remoteArea' in input ? { remoteArea: input.remoteArea ?? null } : {}),
      } as RateCard);
      Object.assign(lane, toColumns(card));
      await this.save(m, lane);
      await this.qualification.checkIn(m, lane.providerId, now);
      return lane.id;
    });
  }

  /** Deactivates (kept for history). Deactivating an inactive lane of one's own changes nothing. */
  async deactivate(caller: Principal, laneId: string, now: Date): Promise<void> {
    const providerId = accessScope(caller, 'lane').provider!;
    await this.change(async (m) => {
      if (!(await this.lanes.deactivate(laneId, providerId, now, m))) {
        if (!(await this.lanes.exists(laneId, providerId, m))) throw new NotFoundError('Lane');
        return laneId;
      }
      await this.qualification.checkIn(m, providerId, now);
      return laneId;
    });
  }

  /** One transaction: the work, the market version bump; this instance's cache is dropped after the commit. */
  private async change(work: (m: EntityManager) => Promise<string>): Promise<LaneDto> {
    const lane = await this.tx.run(async (m) => {
      const id = await work(m);
      await this.marketVersion.bump();
      this.tx.afterCommit(() => this.bookable.invalidate());
      return (await this.lanes.find(id, m))!;
    });
    return toLaneView(lane);
  }

  /** The partial unique index, not a check in JavaScript, refuses a second active lane. */
  private async save(m: EntityManager, lane: LaneEntity): Promise<LaneEntity> {
    const saved = await this.lanes.save(lane, m);
    if (!saved)
      throw new ConflictError('lane_duplicate', 'An active lane with this origin, destination and mode already exists; change it instead.');
    return saved;
  }
}

function validated(card: RateCard): RateCard {
  const errors = validateRateCard(card);
  if (errors.length > 0) throw new InvalidInputError('The rate card is invalid; see errors.', errors);
  return card;
}
