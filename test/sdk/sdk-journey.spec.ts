import { createTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app';
import { runJourney, type JourneyResult } from './journey';

/** The journey of test/sdk/journey.ts, driven through the SDK against the app listening on a real port. */
describe('the SDK journey: register → L3 → qualified provider → quote → book and replay → late delivery → credit', () => {
  let t: TestApp;
  let result: JourneyResult;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    if (!address || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
    result = await runJourney({
      baseUrl: `http://127.0.0.1:${address.port}`,
      adminKey: TEST_ADMIN_KEY,
      setClock: (instant) => t.clock.set(instant),
    });
  }, 60_000);
  afterAll(() => t.close());

  it('earns L3 from verified registration (2018) and revenue (USD 500,000), and qualifies the provider', () => {
    expect(result.tier.tier).toBe('L3');
    expect(result.qualification.qualified).toBe(true);
  });

  it('quotes the §5 worked example at its fixed price and books it at that price', () => {
    const [option] = result.quote.options;
    expect(result.quote.tier).toBe('L3');
    expect(option?.totalMinor).toBe(19_980);
    expect(result.booked).toMatchObject({
      status: 'booked',
      quoteOptionId: option?.id,
      totalMinor: 19_980,
      tierAtBooking: 'L3',
      automaticCompensation: true,
    });
  });

  it('replays the booking for the same Idempotency-Key: same status and body, marked Idempotent-Replayed', () => {
    expect(result.replayed).toEqual({ status: 201, replayedHeader: 'true', order: result.booked });
  });

  it('delivers late and credits min(10 % of 19,980, USD 100) = 1,998 without a claim', () => {
    expect(result.delivered).toMatchObject({ status: 'delivered', onTime: false });
    expect(result.delivered.events.map((event) => event.type)).toEqual(['booked', 'picked_up', 'in_transit', 'delivered']);
    expect(result.credits.data).toEqual([
      expect.objectContaining({ orderId: result.booked.id, amountMinor: 1998, reason: 'late_delivery', status: 'active' }),
    ]);
  });
});
