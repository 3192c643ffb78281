import { ApiKeyEntity } from '../common/auth/api-key.entity';
import { IdempotencyRecordEntity } from '../common/idempotency/idempotency-record.entity';

/** Every entity, for the Nest TypeORM module and the migration CLI alike. */
export const ENTITIES = [ApiKeyEntity, IdempotencyRecordEntity];
