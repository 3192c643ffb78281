import { BuyerEvidenceEntity } from '../buyers/buyer-evidence.entity';
import { BuyerTierHistoryEntity } from '../buyers/buyer-tier-history.entity';
import { BuyerEntity } from '../buyers/buyer.entity';
import { TierPolicyEntity } from '../buyers/tier-policy.entity';
import { ApiKeyEntity } from '../common/auth/api-key.entity';
import { IdempotencyRecordEntity } from '../common/idempotency/idempotency-record.entity';
import { ComplianceActionEntity } from '../compliance/compliance-action.entity';
import { ViolationEntity } from '../compliance/violation.entity';
import { LaneEntity } from '../providers/lane.entity';
import { MarketVersionEntity } from '../providers/market-version.entity';
import { ProviderDocumentEntity } from '../providers/provider-document.entity';
import { ProviderEntity } from '../providers/provider.entity';
import { ClaimEntity } from '../orders/claim.entity';
import { CreditRedemptionEntity } from '../orders/credit-redemption.entity';
import { CreditEntity } from '../orders/credit.entity';
import { OrderEventEntity } from '../orders/order-event.entity';
import { OrderEntity } from '../orders/order.entity';
import { QuoteOptionEntity } from '../quotes/quote-option.entity';
import { QuoteEntity } from '../quotes/quote.entity';
import { EventEntity } from '../events/event.entity';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../webhooks/webhook-endpoint.entity';

/** Every entity, for the Nest TypeORM module and the migration CLI alike. */
export const ENTITIES = [
  ApiKeyEntity,
  IdempotencyRecordEntity,
  BuyerEntity,
  BuyerEvidenceEntity,
  TierPolicyEntity,
  BuyerTierHistoryEntity,
  QuoteEntity,
  QuoteOptionEntity,
  OrderEntity,
  OrderEventEntity,
  ClaimEntity,
  CreditEntity,
  CreditRedemptionEntity,
  ProviderEntity,
  ProviderDocumentEntity,
  LaneEntity,
  MarketVersionEntity,
  ViolationEntity,
  ComplianceActionEntity,
  EventEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
];
