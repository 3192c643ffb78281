import type { EntityManager } from 'typeorm';

/**
 * What orders need from the buyers module: the tier terms at booking, and a re-evaluation inside
 * the delivery's transaction, since the delivery changed the buyer's platform GMV (§3.3).
 */
export abstract class BuyerLink {
  abstract termsAtBooking(buyerId: string): Promise<{ tier: string; automaticCompensation: boolean }>;
  abstract reevaluateAfterDelivery(manager: EntityManager, buyerId: string, orderId: string, at: Date): Promise<void>;
}
