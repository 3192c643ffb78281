import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { accessScope, requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-error';
import type { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import type { Page } from '../common/pagination/pagination';
import { isUniqueViolation } from '../database/sql';
import { BookableLanesService } from './bookable-lanes.service';
import type { CreateLaneDto, LaneDto, UpdateLaneDto } from './dto/lane.dto';
import { pageByCreatedAt } from '../common/pagination/keyset';
import { LaneEntity } from './lane.entity';
import { bumpMarketVersion } from './market-version';
import { ProviderEntity } from './provider.entity';
import { toLaneView, toRateCard } from './providers.mapper';
import { QualificationService } from './qualification.service';
import { MAX_PIECE_WEIGHT_KG, validateRateCard, type RateCard } from './rate-card';

/** Defaults of the optional rate-card fields. */
const DEFAULTS = { fuelSurchargeBps: 0, remoteArea: null, oversizeFeeMinor: 0, maxPieceWeightKg: MAX_PIECE_WEIGHT_KG, dangerousGoods: false, minBuyerTier: 'L0' };

const toColumns = (card: RateCard) => {
  const { transitDays, ...rest } = card;
  return { ...rest, transitDaysMin: transitDays.min, transitDaysMax: transitDays.max };
};

/**
 * Lanes (§4.4). Every change runs in one transaction with the provider's qualification check and a
 * market version bump, then clears this instance's bookable-lanes cache.
 */
@Injectable()
export class LanesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly qualification: QualificationService,
    private readonly bookable: BookableLanesService,
  ) {}

  async create(caller: Principal, providerId: string, input: CreateLaneDto, now: Date): Promise<LaneDto> {
    requireAccess(caller, 'providerSelf', providerId);
    const card = validated({ ...DEFAULTS, ...input, remoteArea: input.remoteArea ?? null } as RateCard);
    return this.change(async (m) => {
      if (!(await m.existsBy(ProviderEntity, { id: providerId }))) throw new NotFoundError('Provider');
      const saved = await saveLane(m, m.create(LaneEntity, { providerId, ...toColumns(card) }));
      await this.qualification.checkIn(m, providerId, now);
      return saved.id;
    });
  }

  async list(caller: Principal, providerId: string, query: PaginationQueryDto): Promise<Page<LaneDto>> {
    requireAccess(caller, 'provider', providerId);
    if (!(await this.dataSource.getRepository(ProviderEntity).existsBy({ id: providerId }))) throw new NotFoundError('Provider');
    const limit = query.limit ?? 50;
    const qb = this.dataSource.getRepository(LaneEntity).createQueryBuilder('l').where('l.provider_id = :providerId', { providerId });
    return pageByCreatedAt(qb, 'l', query.cursor, limit, toLaneView);
  }

  /** Changes the given fields; a quote already given keeps the terms it was priced with. */
  async update(caller: Principal, laneId: string, input: UpdateLaneDto, now: Date): Promise<LaneDto> {
    const providerId = accessScope(caller, 'lane').provider!;
    return this.change(async (m) => {
      const lane = await m.findOne(LaneEntity, { where: { id: laneId, providerId }, lock: { mode: 'pessimistic_write' } });
      if (!lane) throw new NotFoundError('Lane');
      if (!lane.active) throw new ConflictError('lane_inactive', 'The lane was deactivated; publish a new lane instead.');
      const card = validated({ ...toRateCard(toLaneView(lane)), ...input, ...('remoteArea' in input ? { remoteArea: input.remoteArea ?? null } : {}) } as RateCard);
      Object.assign(lane, toColumns(card));
      await saveLane(m, lane);
      await this.qualification.checkIn(m, lane.providerId, now);
      return lane.id;
    });
  }

  /** Deactivates (kept for history). Deactivating an inactive lane of one's own changes nothing. */
  async deactivate(caller: Principal, laneId: string, now: Date): Promise<void> {
    const providerId = accessScope(caller, 'lane').provider!;
    await this.change(async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(LaneEntity)
        .set({ active: false, deactivatedAt: now })
        .where('id = :laneId AND provider_id = :providerId AND active', { laneId, providerId })
        .execute();
      if (!result.affected) {
        if (!(await m.existsBy(LaneEntity, { id: laneId, providerId }))) throw new NotFoundError('Lane');
        return laneId;
      }
      await this.qualification.checkIn(m, providerId, now);
      return laneId;
    });
  }

  /** One transaction: the work, the market version bump; then this instance's cache is dropped. */
  private async change(work: (m: EntityManager) => Promise<string>): Promise<LaneDto> {
    const lane = await this.dataSource.transaction(async (m) => {
      const id = await work(m);
      await bumpMarketVersion(m);
      return m.findOneByOrFail(LaneEntity, { id });
    });
    this.bookable.invalidate();
    return toLaneView(lane);
  }
}

function validated(card: RateCard): RateCard {
  const errors = validateRateCard(card);
  if (errors.length > 0) throw new InvalidInputError('The rate card is invalid; see errors.', errors);
  return card;
}

/** The partial unique index, not a check in JavaScript, refuses a second active lane. */
async function saveLane(m: EntityManager, lane: LaneEntity): Promise<LaneEntity> {
  try {
    return await m.save(lane);
  } catch (error) {
    if (isUniqueViolation(error, 'lanes_active_unique')) {
      throw new ConflictError('lane_duplicate', 'An active lane with this origin, destination and mode already exists; change it instead.');
    }
    throw error;
  }
}
