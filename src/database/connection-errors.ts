/**
 * Which database errors mean "the database is not reachable right now" (answer 503 and retry later)
 * and which, at start, mean "this configuration can never work" (stop at once). Plain data in,
 * plain answers out: pg's errors, TypeORM's QueryFailedError (which copies the pg error's fields
 * and keeps it as `driverError`), Node's socket errors and AggregateErrors of several addresses.
 */

/** Node socket errors: the server is down, restarting or cut off. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * SQLSTATEs of a connection that broke or could not be made: class 08 (connection exception) and
 * the operator intervention / resource ones that end or refuse a session.
 */
const CONNECTION_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the backend was terminated (pg_terminate_backend, a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '25P03', // idle_in_transaction_session_timeout
]);

/** pg and pg-pool raise these as plain Errors without a code. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/, // …unexpectedly, …due to connection timeout
  /is not queryable$/, // "Client has encountered a connection error and is not queryable", "Client was closed …"
  /^timeout exceeded when trying to connect$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^Driver not Connected$/,
];

/** Start errors that retrying cannot fix: no such database, role or password, no permission. */
const PERMANENT_START_SQLSTATES: Record<string, string> = {
  '3D000': 'the database does not exist',
  '28000': 'the role is not allowed to connect (does it exist?)',
  '28P01': 'the password was refused',
  '42501': 'the role may not connect to this database',
};

interface ErrorShape {
  code?: unknown;
  routine?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and the errors it wraps (driverError, cause, AggregateError's errors), depth-limited. */
function chain(error: unknown, depth = 0): ErrorShape[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const e = error as ErrorShape;
  const nested = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [e, ...nested.flatMap((inner) => chain(inner, depth + 1))];
}

function isConnectionLevel(e: ErrorShape): boolean {
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  return (
    SOCKET_CODES.has(code) || code.startsWith('08') || CONNECTION_SQLSTATES.has(code) || CONNECTION_MESSAGES.some((re) => re.test(message))
  );
}

/**
 * A prepared statement whose result columns a migration changed ("cached plan must not change
 * result type"): known by the server routine that raises it, since the message may be translated.
 * GuardedClient closes the connection that holds the statement, so a retry prepares it afresh.
 */
export function isStalePreparedStatement(error: unknown): boolean {
  return chain(error).some((e) => e.code === '0A000' && e.routine === 'RevalidateCachedQuery');
}

/**
 * True when the error says the database could not be reached or the connection broke. A refusal
 * at connect time (database dropped, role removed) is an outage too once the API is running, and
 * so is a stale prepared statement (its connection is closed; the retry runs on another).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return (
    isStalePreparedStatement(error) ||
    chain(error).some((e) => isConnectionLevel(e) || (typeof e.code === 'string' && e.code in PERMANENT_START_SQLSTATES))
  );
}

/**
 * At start: `permanent` with a reason when retrying cannot help, `transient` when the database
 * may come up (refused, starting up, cut), `permanent` for anything unknown too (fail fast, loudly).
 */
export function classifyStartError(error: unknown): { kind: 'transient' } | { kind: 'permanent'; reason: string } {
  const errors = chain(error);
  for (const e of errors) {
    const reason = typeof e.code === 'string' ? PERMANENT_START_SQLSTATES[e.code] : undefined;
    if (reason) return { kind: 'permanent', reason };
  }
  if (errors.some(isConnectionLevel)) return { kind: 'transient' };
  return { kind: 'permanent', reason: 'the database refused the connection' };
}

/** One line for the log: the codes and the first message, never a stack. */
export function describeDatabaseError(error: unknown): string {
  const errors = chain(error);
  const code = errors.map((e) => e.code).find((c): c is string => typeof c === 'string');
  const message = errors.map((e) => e.message).find((m): m is string => typeof m === 'string' && m.length > 0) ?? String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
