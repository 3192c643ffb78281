import { BuyerEvidenceEntity } from '../buyers/buyer-evidence.entity';
import { BuyerTierHistoryEntity } from '../buyers/buyer-tier-history.entity';
import { BuyerEntity } from '../buyers/buyer.entity';
import { TierPolicyEntity } from '../buyers/tier-policy.entity';
import { ApiKeyEntity } from '../common/auth/api-key.entity';
import { IdempotencyRecordEntity } from '../common/idempotency/idempotency-record.entity';
import { LaneEntity } from '../providers/lane.entity';
import { ProviderDocumentEntity } from '../providers/provider-document.entity';
import { ProviderEntity } from '../providers/provider.entity';
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
  ProviderEntity,
  ProviderDocumentEntity,
  LaneEntity,
  EventEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
];
