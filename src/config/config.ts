import { isIP } from 'node:net';

/**
 * Configuration comes only from environment variables (SPEC §8), validated once at start: a bad
 * value stops the start with a message naming the variable.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | null;
  dbPoolSize: number;
  /** The hot statements run as named prepared statements (PostgreSQL only; see dataSourceOptions). */
  dbPreparedStatements: boolean;
  dataDir: string;
  adminApiKey: string | null;
  demoData: boolean;
  redisUrl: string | null;
  rateLimitRegistrationPerMin: number;
  rateLimitPerMin: number;
  rateLimitAuthFailuresPerMin: number;
  /** Fastify's trustProxy: false (the socket peer is the client), a hop count, or proxy addresses/CIDRs. */
  trustProxy: false | number | string[];
  logLevel: LogLevel;
  corsOrigins: string[] | '*';
  apiKeyCacheTtlMs: number;
  schedulerEnabled: boolean;
  shutdownTimeoutMs: number;
  sweepsAllowFutureAsOf: boolean;
  /** How long a request waits for another one holding the same Idempotency-Key (SPEC §1: at most 10 s). */
  idempotencyWaitMs: number;
  /** How long a start retries a PostgreSQL that refuses connections or is starting up. */
  dbStartRetryMs: number;
  /** This instance delivers webhooks (SPEC §11). */
  webhooksEnabled: boolean;
  /** Accept `http://` and loopback/private-range webhook URLs (development and tests). */
  webhookAllowPrivateUrls: boolean;
  /** How long one delivery attempt may take. */
  webhookTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const LOG_LEVELS: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const url = (name: string, protocols: string[]): string | null => {
    const raw = read(name);
    if (raw === undefined) return null;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      problems.push(`${name} must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL`);
      return null;
    }
  };

  const trustProxy = (): AppConfig['trustProxy'] => {
    const raw = read('TRUST_PROXY');
    if (raw === undefined) return false;
    if (/^\d+$/.test(raw)) {
      const hops = Number(raw);
      if (hops >= 1 && hops <= 32) return hops;
    } else {
      const proxies = raw.split(',').map((p) => p.trim());
      if (proxies.every(isAddressOrCidr)) return proxies;
    }
    problems.push(`TRUST_PROXY must be a hop count from 1 to 32 or comma-separated proxy addresses/CIDRs (got "${raw}")`);
    return false;
  };

  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const logLevel = (read('LOG_LEVEL') ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const adminApiKey = read('ADMIN_API_KEY') ?? null;
  if (adminApiKey !== null && adminApiKey.length < 24) problems.push('ADMIN_API_KEY must be at least 24 characters');
  const cors = read('CORS_ORIGINS') ?? '*';

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: read('HOST') ?? '0.0.0.0',
    databaseUrl,
    // The embedded database serialises transactions: a few sockets are plenty.
    // At least 2: a migration or sweep holds its advisory lock on one connection while its work uses another.
    dbPoolSize: int('DB_POOL_SIZE', databaseUrl ? 10 : 4, 2, 500),
    // The embedded database's connections share one session, where their names would collide.
    dbPreparedStatements: bool('DB_PREPARED_STATEMENTS', true) && databaseUrl !== null,
    dataDir: read('DATA_DIR') ?? './data',
    adminApiKey,
    demoData: bool('DEMO_DATA', databaseUrl === null),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    rateLimitRegistrationPerMin: int('RATE_LIMIT_REGISTRATION_PER_MIN', 20, 1, 1_000_000),
    rateLimitPerMin: int('RATE_LIMIT_PER_MIN', 1200, 1, 100_000_000),
    rateLimitAuthFailuresPerMin: int('RATE_LIMIT_AUTH_FAILURES_PER_MIN', 30, 1, 1_000_000),
    trustProxy: trustProxy(),
    logLevel,
    corsOrigins:
      cors === '*'
        ? '*'
        : cors
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    apiKeyCacheTtlMs: int('API_KEY_CACHE_TTL_MS', 10_000, 0, 3_600_000),
    schedulerEnabled: bool('SCHEDULER_ENABLED', true),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    sweepsAllowFutureAsOf: bool('SWEEPS_ALLOW_FUTURE_AS_OF', false),
    idempotencyWaitMs: int('IDEMPOTENCY_WAIT_MS', 10_000, 1, 10_000),
    dbStartRetryMs: int('DB_START_RETRY_MS', 30_000, 0, 600_000),
    webhooksEnabled: bool('WEBHOOKS_ENABLED', true),
    webhookAllowPrivateUrls: bool('WEBHOOK_ALLOW_PRIVATE_URLS', false),
    webhookTimeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * TRUST_PROXY as Fastify's `trustProxy`. Fastify reads a plain hop count as "trust nobody", so a
 * count becomes the function that trusts the socket peer and the next hops up to that count (the
 * operator states that every request comes through that many proxies).
 */
export function trustProxyOption(trust: AppConfig['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** `203.0.113.7`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
function isAddressOrCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}
