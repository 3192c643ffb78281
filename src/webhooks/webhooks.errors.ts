import type { ErrorDefinitions } from '../common/errors/error-definitions';

export const WEBHOOK_ERROR_CODES = {
  webhook_url_not_allowed: [400, 'A webhook URL must be https:// to a public address (unless WEBHOOK_ALLOW_PRIVATE_URLS=true).'],
  webhook_endpoint_disabled: [409, 'The endpoint is disabled: enable it (PATCH status) before retrying a delivery.'],
} as const satisfies ErrorDefinitions;
