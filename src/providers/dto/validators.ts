import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidIsoDate } from '../../common/calendar';

export { IsCountryCode } from '../../common/countries';

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isCalendarDate', validator: { validate: (v) => typeof v === 'string' && isValidIsoDate(v), defaultMessage: () => 'must be a date YYYY-MM-DD' } },
    options,
  );
}
