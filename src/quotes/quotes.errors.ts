import type { ErrorDefinitions } from '../common/errors/error-definitions';

export const QUOTE_ERROR_CODES = {
  goods_prohibited: [422, 'The goods category may not be shipped to this destination; `rule` names the rule (SPEC §5.5).'],
} as const satisfies ErrorDefinitions;
