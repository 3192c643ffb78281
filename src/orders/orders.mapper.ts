import type { OrderCreditDto, OrderDto, OrderEventDto } from './dto/order.dto';
import type { OrderEntity } from './order.entity';

/** The order as the API shows it (SPEC §10, §6.6). */
export function toOrderDto(order: OrderEntity, events: OrderEventDto[], credits: OrderCreditDto[]): OrderDto {
  return {
    id: order.id,
    quoteId: order.quoteId,
    quoteOptionId: order.quoteOptionId,
    buyerId: order.buyerId,
    providerId: order.providerId,
    laneId: order.laneId,
    status: order.status,
    totalMinor: order.totalMinor,
    currency: order.currency,
    declaredValueMinor: order.declaredValueMinor,
    creditAppliedMinor: order.creditAppliedMinor,
    payableMinor: order.totalMinor - order.creditAppliedMinor,
    credits,
    pickupBy: order.pickupBy,
    guaranteedBy: order.guaranteedBy,
    remedyPickupBy: order.remedyPickupBy,
    tierAtBooking: order.tierAtBooking,
    automaticCompensation: order.automaticCompensation,
    shipper: order.shipper,
    consignee: order.consignee,
    bookedAt: order.bookedAt,
    pickedUpAt: order.pickedUpAt,
    deliveredAt: order.deliveredAt,
    onTime: order.onTime,
    cancelledAt: order.cancelledAt,
    cancelledBy: order.cancelledBy,
    events,
  };
}
