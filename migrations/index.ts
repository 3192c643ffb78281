import { Foundation1764220000000 } from './1764220000000-Foundation';
import { Providers1764240000000 } from './1764240000000-Providers';
import { Buyers1764300000000 } from './1764300000000-Buyers';
import { Quotes1795800000000 } from './1795800000000-Quotes';
import { Orders1795810000000 } from './1795810000000-Orders';
import { MillisecondCreatedAt1795820000000 } from './1795820000000-MillisecondCreatedAt';
import { IdempotencyInOneTransaction1795830000000 } from './1795830000000-IdempotencyInOneTransaction';
import { ShortKeyPrefixes1795834000000 } from './1795834000000-ShortKeyPrefixes';
import { SpendableCredits1795840000000 } from './1795840000000-SpendableCredits';
import { EventsAndWebhooks1795850000000 } from './1795850000000-EventsAndWebhooks';

/** Every migration, in order. Listed explicitly so the same list runs from dist/, Jest and the CLI. */
export const MIGRATIONS = [
  Foundation1764220000000,
  Providers1764240000000,
  Buyers1764300000000,
  Quotes1795800000000,
  Orders1795810000000,
  MillisecondCreatedAt1795820000000,
  IdempotencyInOneTransaction1795830000000,
  ShortKeyPrefixes1795834000000,
  SpendableCredits1795840000000,
  EventsAndWebhooks1795850000000,
];
