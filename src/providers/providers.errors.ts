import type { ErrorDefinitions } from '../common/errors/error-definitions';

/** Error codes of the providers module (SPEC §4), listed in the OpenAPI document. */
export const PROVIDER_ERROR_CODES = {
  lane_duplicate: [409, 'This provider already has an active lane with the same origin, destination and mode.'],
  lane_inactive: [409, 'The lane was deactivated; publish a new lane instead of changing it.'],
  document_already_reviewed: [409, 'The document was already reviewed; upload a new one to be reviewed again.'],
} as const satisfies ErrorDefinitions;
