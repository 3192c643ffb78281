import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';

// Buyers seeded in SQL (as bench/tier-expiry.bench.js does): L2 on three verified documents, the
// registration expired in 2000.
const AS_OF = '2026-06-01T12:00:00.000Z';
/** PostgreSQL runs the sweep's batches beside other work anyway; the stall was the embedded database's. */
const onEmbedded = process.env.TEST_DB === 'postgres' ? it.skip : it;

describe('the tier-expiry sweep commits batch by batch (issue 11)', () => {
  // A database of its own: other files' sweeps would otherwise take these due buyers (and the fault).
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase(testDatabaseKind());
    t = await createTestApp({ databaseUrl: db.url });
    t.clock.set(AS_OF);
  });
  afterAll(async () => {
    await t.close();
    await db.teardown();
  });

  /** `count` due buyers, buyer i due at 2000-01-01 + i seconds (so the sweep takes them in order). */
  async function seedDueBuyers(count: number): Promise<string> {
    const tag = randomUUID();
    await t.dataSource.query(
      `INSERT INTO buyers (id, company_name, country, tier, policy_version, evaluated_at, valid_until, reevaluate_at, tier_basis)
       SELECT md5($1 || i)::uuid, 'Sweep buyer ' || i, 'GB', 'L2', (SELECT max(version) FROM tier_policies), '1999-12-01', NULL,
              timestamptz '2000-01-01T00:00:00Z' + i * interval '1 second', '[]'
       FROM generate_series(0, $2 - 1) AS i`,
      [tag, count],
    );
    await t.dataSource.query(
      `INSERT INTO buyer_evidence (buyer_id, type, value, document_ref, status, verified_at, expires_at, reviewed_at)
       SELECT md5($1 || (n / 3))::uuid,
              (ARRAY['business_registration', 'annual_procurement_usd', 'annual_revenue_usd'])[n % 3 + 1],
              CASE n % 3 WHEN 0 THEN '{"registrationNumber":"R","legalName":"L","country":"GB","yearEstablished":2015}'::jsonb
                         WHEN 1 THEN '60000'::jsonb ELSE '100000'::jsonb END,
              'doc://sweep', 'verified', '1999-12-01',
              CASE WHEN n % 3 = 0 THEN timestamptz '2000-01-01T00:00:00Z' + (n / 3) * interval '1 second' ELSE timestamptz '2027-01-01' END,
              '1999-12-01'
       FROM generate_series(0, $2 * 3 - 1) AS n`,
      [tag, count],
    );
    return tag;
  }
  const stillDue = async (tag: string, count: number): Promise<number> =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM buyers WHERE id IN (SELECT md5($1 || i)::uuid FROM generate_series(0, $2 - 1) AS i) AND reevaluate_at <= $3`,
        [tag, count, AS_OF],
      )
    )[0].n as number;
  const sweep = () => t.http.post('/v1/admin/sweeps/tier-expiry').set(t.admin).send({ asOf: AS_OF });

  it('a run that fails in its second batch keeps the first batch committed, and the next run finishes the rest', async () => {
    const tag = await seedDueBuyers(1_200);
    // A real database error inside the second batch (buyer 700 of 500 + 500 + 200): its UPDATE fails.
    const poisoned = (await t.dataSource.query(`SELECT md5($1 || 700)::uuid AS id`, [tag]))[0].id as string;
    const fn = `sweep_fault_${tag.replace(/-/g, '')}`;
    await t.dataSource.query(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`,
    );
    await t.dataSource.query(
      `CREATE TRIGGER ${fn} BEFORE UPDATE ON buyers FOR EACH ROW WHEN (OLD.id = '${poisoned}') EXECUTE FUNCTION ${fn}()`,
    );
    try {
      const failed = await sweep();
      expect(failed.status).toBe(500);
      expect(await stillDue(tag, 1_200)).toBe(700); // batch 1 (buyers 0–499) committed, batch 2 rolled back
    } finally {
      await t.dataSource.query(`DROP TRIGGER ${fn} ON buyers`);
      await t.dataSource.query(`DROP FUNCTION ${fn}()`);
    }
    const resumed = await sweep();
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ ran: true });
    expect(resumed.body.examined).toBe(700);
    expect(await stillDue(tag, 1_200)).toBe(0);
    const tiers = await t.dataSource.query(
      `SELECT tier, count(*)::int AS n FROM buyers WHERE id IN (SELECT md5($1 || i)::uuid FROM generate_series(0, 1199) AS i) GROUP BY tier`,
      [tag],
    );
    expect(tiers).toEqual([{ tier: 'L0', n: 1_200 }]); // no registration left: every one dropped to L0
  });

  onEmbedded('the API answers while a long sweep runs (embedded database: one transaction at a time)', async () => {
    const tag = await seedDueBuyers(3_000);
    let finished = false;
    const running = sweep().then((r) => ((finished = true), r));
    // The first batches commit while the sweep goes on: a query and a request get their turn between them.
    const deadline = Date.now() + 30_000;
    let due = 3_000;
    while (due === 3_000 && Date.now() < deadline) due = await stillDue(tag, 3_000);
    const answered = await t.http.get('/v1/buyers?limit=1').set(t.admin);
    expect(answered.status).toBe(200);
    expect(due).toBeLessThan(3_000);
    expect(finished).toBe(false);
    expect(await stillDue(tag, 3_000)).toBeGreaterThan(0);
    const done = await running;
    expect(done.status).toBe(200);
    expect(done.body.examined).toBe(3_000);
    expect(await stillDue(tag, 3_000)).toBe(0);
  });
});
