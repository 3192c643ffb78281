import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus registry of this process (SPEC §8). Domain modules add their own counters here
 * (quotes, orders, late deliveries, credits) through `counter()` / `histogram()`.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.requests = this.counter('http_requests_total', 'HTTP requests by route and status', ['method', 'route', 'status']);
    this.duration = this.histogram(
      'http_request_duration_seconds',
      'HTTP request latency by route and status',
      ['method', 'route', 'status'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    );
  }

  counter<L extends string>(name: string, help: string, labelNames: L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, labelNames: L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** A gauge whose value `collect` sets when /metrics is read. */
  gauge(name: string, help: string, collect: (gauge: Gauge) => Promise<void>): Gauge {
    return new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        return collect(this);
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
