import { Injectable } from '@nestjs/common';
import { LanesRepository } from './lanes.repository';
import { isListed } from './qualification';

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
  constructor(private readonly lanes: LanesRepository) {
    super();
  }

  async isBookable(providerId: string, laneId: string, now: Date): Promise<boolean> {
    const lane = await this.lanes.bookability(providerId, laneId);
    return !!lane && lane.active && isListed(lane, now);
  }
}
