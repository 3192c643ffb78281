import { Foundation1764220000000 } from './1764220000000-Foundation';

/** Every migration, in order. Listed explicitly so the same list runs from dist/, Jest and the CLI. */
export const MIGRATIONS = [Foundation1764220000000];
