import { ConfigError, loadConfig, trustProxyOption } from './config';

describe('loadConfig', () => {
  it('applies the defaults of SPEC §8 on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      dataDir: './data',
      adminApiKey: null,
      demoData: true,
      redisUrl: null,
      rateLimitRegistrationPerMin: 20,
      rateLimitPerMin: 1200,
      logLevel: 'info',
      sweepsAllowFutureAsOf: false,
      trustProxy: false,
      rateLimitAuthFailuresPerMin: 30,
    });
  });

  it('turns demo data off by default on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://root@127.0.0.1:5432/test' }).demoData).toBe(false);
  });

  it('prepares the hot statements on PostgreSQL unless DB_PREPARED_STATEMENTS=false, never on the embedded database', () => {
    const pg = 'postgres://root@127.0.0.1:5432/test';
    expect(loadConfig({ DATABASE_URL: pg }).dbPreparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_URL: pg, DB_PREPARED_STATEMENTS: 'false' }).dbPreparedStatements).toBe(false);
    expect(loadConfig({}).dbPreparedStatements).toBe(false);
    expect(loadConfig({ DB_PREPARED_STATEMENTS: 'true' }).dbPreparedStatements).toBe(false);
    expect(() => loadConfig({ DB_PREPARED_STATEMENTS: 'sometimes' })).toThrow(/DB_PREPARED_STATEMENTS must be true or false/);
  });

  it('refuses a pool of one connection: a migration holds its lock on one while it works on another', () => {
    expect(() => loadConfig({ DB_POOL_SIZE: '1' })).toThrow(/DB_POOL_SIZE must be an integer from 2 to 500/);
    expect(loadConfig({ DB_POOL_SIZE: '2' }).dbPoolSize).toBe(2);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['DEMO_DATA', 'maybe'],
    ['RATE_LIMIT_PER_MIN', '0'],
    ['ADMIN_API_KEY', 'short'],
    ['SWEEPS_ALLOW_FUTURE_AS_OF', 'sometimes'],
    ['RATE_LIMIT_AUTH_FAILURES_PER_MIN', '0'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '0'],
    ['TRUST_PROXY', '33'],
    ['TRUST_PROXY', '-1'],
    ['TRUST_PROXY', 'proxy.internal'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.1,'],
    ['TRUST_PROXY', '300.1.1.1'],
    ['TRUST_PROXY', '::1/129'],
    ['DB_START_RETRY_MS', '-1'],
  ])('refuses %s=%s and names the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.168.1.10', ['10.0.0.0/8', '192.168.1.10']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s as %j', (value, trustProxy) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(trustProxy);
  });

  it('trusts the socket peer and the hops up to the TRUST_PROXY count, and nobody when unset', () => {
    const twoHops = trustProxyOption(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2, 3].map((hop) => twoHops('203.0.113.9', hop))).toEqual([true, true, false, false]);
    expect(trustProxyOption(false)).toBe(false);
    expect(trustProxyOption(['10.0.0.0/8'])).toEqual(['10.0.0.0/8']);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });
});
