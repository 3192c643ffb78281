import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { LaneEntity } from './lane.entity';
import { ProviderEntity } from './provider.entity';
import { isListed, type ProviderStatus } from './qualification';

/**
 * What booking asks the providers module (SPEC §6.1): is this provider's lane still bookable now —
 * the provider listed (qualified, not restricted) and the lane active. Read in the caller's
 * transaction, never from the market cache, so a restriction committed a moment ago refuses.
 */
export abstract class BookingLanes {
  abstract isBookable(providerId: string, laneId: string, now: Date): Promise<boolean>;
}

@Injectable()
export class ProviderBookingLanes extends BookingLanes {
  constructor(private readonly tx: TransactionContext) {
    super();
  }

  async isBookable(providerId: string, laneId: string, now: Date): Promise<boolean> {
    const row = await this.tx.manager
      .createQueryBuilder(LaneEntity, 'l')
      .innerJoin(ProviderEntity, 'p', 'p.id = l.providerId')
      .select(['l.active AS active', 'p.status AS status', 'p.restricted_until AS restricted_until'])
      .where('l.id = :laneId AND l.providerId = :providerId', { laneId, providerId })
      .getRawOne<{ active: boolean; status: ProviderStatus; restricted_until: Date | null }>();
    return !!row && row.active && isListed({ status: row.status, restrictedUntil: row.restricted_until }, now);
  }
}
