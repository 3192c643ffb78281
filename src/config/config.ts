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
  dataDir: string;
  adminApiKey: string | null;
  demoData: boolean;
  redisUrl: string | null;
  rateLimitRegistrationPerMin: number;
  rateLimitPerMin: number;
  logLevel: LogLevel;
  corsOrigins: string[] | '*';
  apiKeyCacheTtlMs: number;
  schedulerEnabled: boolean;
  shutdownTimeoutMs: number;
  /** How long a start retries a PostgreSQL that refuses connections or is starting up. */
  dbStartRetryMs: number;
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
    dbPoolSize: int('DB_POOL_SIZE', databaseUrl ? 20 : 4, 1, 500),
    dataDir: read('DATA_DIR') ?? './data',
    adminApiKey,
    demoData: bool('DEMO_DATA', databaseUrl === null),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    rateLimitRegistrationPerMin: int('RATE_LIMIT_REGISTRATION_PER_MIN', 20, 1, 1_000_000),
    rateLimitPerMin: int('RATE_LIMIT_PER_MIN', 1200, 1, 100_000_000),
    logLevel,
    corsOrigins: cors === '*' ? '*' : cors.split(',').map((o) => o.trim()).filter(Boolean),
    apiKeyCacheTtlMs: int('API_KEY_CACHE_TTL_MS', 10_000, 0, 3_600_000),
    schedulerEnabled: bool('SCHEDULER_ENABLED', true),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    dbStartRetryMs: int('DB_START_RETRY_MS', 30_000, 0, 600_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
