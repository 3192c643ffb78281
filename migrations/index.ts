import { Foundation1764220000000 } from './1764220000000-Foundation';
import { Providers1764240000000 } from './1764240000000-Providers';

/** Every migration, in order. Listed explicitly so the same list runs from dist/, Jest and the CLI. */
export const MIGRATIONS = [Foundation1764220000000, Providers1764240000000];
