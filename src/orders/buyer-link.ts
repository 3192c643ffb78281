import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal';

/**
 * What orders need from the buyers module: the tier terms at booking, and a re-evaluation inside
 * the delivery's transaction, since the delivery changed the buyer's platform GMV (§3.3), and the
 * buyer's visibility (404 unless it exists and the caller may see it).
 */
export abstract class BuyerLink {
  abstract termsAtBooking(buyerId: string): Promise<{ tier: string; automaticCompensation: boolean }>;
  abstract assertVisible(caller: Principal, buyerId: string): Promise<void>;
  abstract reevaluateAfterDelivery(manager: EntityManager, buyerId: string, orderId: string, at: Date): Promise<void>;
}
