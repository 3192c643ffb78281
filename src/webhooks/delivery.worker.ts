import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { Clock } from '../common/clock';
import { MetricsService } from '../common/metrics/metrics.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { TransactionContext } from '../database/transaction-context';
import { EventLog } from '../events/event-log';
import { toEventDto } from '../events/events.service';
import { DISABLE_AFTER_FAILING_MS, nextAttemptAt } from './retry-schedule';
import { send } from './webhook-sender';
import { WebhookDeliveriesRepository, type ClaimedDelivery } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository, type EndpointSigning } from './webhook-endpoints.repository';

/** Due attempts are looked for this often even when nothing woke the worker (another instance's events, retries). */
export const POLL_MS = 250;
/** Attempts in flight at once per instance. */
const MAX_IN_FLIGHT = 64;
/** A claim is leased for the attempt's timeout plus this margin; past it, any instance may claim it again. */
const LEASE_MARGIN_MS = 5_000;

/**
 * Delivers webhooks (SPEC §11) in every instance with WEBHOOKS_ENABLED. Woken right after the commit
 * of a transaction that queued deliveries, and every POLL_MS as a safety net. Claims due attempts
 * with FOR UPDATE SKIP LOCKED and a lease, so instances share the work, no attempt runs twice at
 * once, and a killed instance's claims are taken again when their lease ends. At least once: a kill
 * between the receiver's 2xx and the recorded outcome sends that event again, with the same id.
 */
@Injectable()
export class DeliveryWorker implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly outcomes: Counter<'outcome'>;
  private readonly latency: Histogram<never>;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  private readonly inFlight = new Set<Promise<void>>();
  /** Successes recorded together, one statement per batch (a crash before it only means a redelivery). */
  private successes: {
    id: string;
    responseStatus: number | null;
    durationMs: number;
    at: Date;
    done: () => void;
    failed: (e: unknown) => void;
  }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly tx: TransactionContext,
    private readonly events: EventLog,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly clock: Clock,
    metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.outcomes = metrics.counter(
      'webhook_deliveries_total',
      'Webhook delivery attempts by outcome (succeeded, failed, retry_scheduled, gave_up)',
      ['outcome'],
    );
    this.latency = metrics.histogram(
      'webhook_delivery_latency_seconds',
      'From the event’s commit to the receiver’s 2xx',
      [],
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
    );
    metrics.gauge(
      'webhook_oldest_pending_delivery_age_seconds',
      'How far behind schedule the oldest due pending delivery is',
      async (gauge) => {
        gauge.set(await this.deliveries.oldestDueAgeSeconds(this.clock.now()).catch(() => 0));
      },
    );
  }

  /** Fan-out joins the statement of every recorded event, whether or not this instance delivers. */
  onModuleInit(): void {
    this.events.onRecorded({
      sql: this.deliveries.fanOutSql,
      after: (count) => {
        if (count > 0) this.tx.afterCommit(() => this.wake());
      },
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.webhooksEnabled) return;
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    // Attempts in flight finish (each within WEBHOOK_TIMEOUT_MS); one cut short is claimed again after its lease.
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((r) => setTimeout(r, Math.min(this.config.webhookTimeoutMs, 5_000)).unref()),
    ]);
  }

  /** Look for due attempts now (coalesced: a wake during a round runs one more round). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain().finally(() => (this.running = false));
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        while (!this.stopped && this.inFlight.size < MAX_IN_FLIGHT) {
          const claimed = await this.claim(MAX_IN_FLIGHT - this.inFlight.size);
          if (claimed === 0) break;
        }
      } while (this.again && !this.stopped);
    } catch (error) {
      this.logger.warn({ msg: 'webhook claim failed', err: error });
    }
  }

  /** Claims and starts up to `limit` attempts; answers how many. */
  private async claim(limit: number): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.deliveries.claim(now, new Date(now.getTime() + this.config.webhookTimeoutMs + LEASE_MARGIN_MS), limit);
    if (claimed.length === 0) return 0;
    const [events, signing] = await Promise.all([
      this.events.find([...new Set(claimed.map((c) => c.event_id))]),
      this.endpoints.signingOf([...new Set(claimed.map((c) => c.endpoint_id))], now),
    ]);
    const bodies = new Map(events.map((e) => [e.id, { body: JSON.stringify(toEventDto(e)), createdAt: e.created_at }]));
    for (const delivery of claimed) {
      const work = this.attempt(delivery, bodies.get(delivery.event_id), signing.get(delivery.endpoint_id)).catch((error: unknown) =>
        this.logger.warn({ msg: 'webhook outcome not recorded (the attempt is claimed again after its lease)', err: error }),
      );
      this.inFlight.add(work);
      void work.finally(() => {
        this.inFlight.delete(work);
        this.wake();
      });
    }
    return claimed.length;
  }

  private async flush(): Promise<void> {
    const batch = this.successes;
    this.successes = [];
    try {
      await this.deliveries.succeeded(batch);
      for (const s of batch) s.done();
    } catch (error) {
      for (const s of batch) s.failed(error);
    } finally {
      this.flushing = null;
      if (this.successes.length > 0) this.flushing = this.flush();
    }
  }

  private async attempt(
    delivery: ClaimedDelivery,
    event: { body: string; createdAt: Date } | undefined,
    endpoint: EndpointSigning | undefined,
  ): Promise<void> {
    if (!event || !endpoint) return; // deleted meanwhile: its rows went with it
    const outcome = await send({
      url: endpoint.url,
      id: delivery.event_id,
      body: event.body,
      signing: endpoint,
      timeoutMs: this.config.webhookTimeoutMs,
      allowPrivate: this.config.webhookAllowPrivateUrls,
    });
    const at = this.clock.now();
    if (outcome.ok) {
      await new Promise<void>((done, failed) => {
        this.successes.push({ id: delivery.id, responseStatus: outcome.responseStatus, durationMs: outcome.durationMs, at, done, failed });
        this.flushing ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flush());
      });
      this.outcomes.inc({ outcome: 'succeeded' });
      this.latency.observe(Math.max(0, (at.getTime() - event.createdAt.getTime()) / 1000));
      return;
    }
    const disableBefore = new Date(at.getTime() - DISABLE_AFTER_FAILING_MS);
    await this.tx.run(() =>
      this.deliveries.failed(
        delivery.id,
        outcome,
        at,
        (n) => nextAttemptAt(n, at),
        disableBefore,
        `every attempt failed for 5 days (last: ${outcome.error ?? 'no 2xx'})`,
      ),
    );
    this.outcomes.inc({ outcome: 'failed' });
    this.outcomes.inc({ outcome: nextAttemptAt(delivery.attempt, at) ? 'retry_scheduled' : 'gave_up' });
  }
}
