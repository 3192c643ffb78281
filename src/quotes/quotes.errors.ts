import { registerErrorCodes } from '../common/errors/error-codes';

export const QUOTE_ERROR_CODES = {
  goods_prohibited: [422, 'The goods category may not be shipped to this destination; `rule` names the rule (SPEC §5.5).'],
} as const;

registerErrorCodes(QUOTE_ERROR_CODES);
