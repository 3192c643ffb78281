import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { BusinessRuleError, InvalidInputError } from '../common/errors/domain-error';
import { MetricsService } from '../common/metrics/metrics.service';
import type { CreateQuoteDto } from './dto/create-quote.dto';
import type { QuoteDto } from './dto/quote.dto';
import { buildQuote, type QuoteRequest } from './quote-builder';
import { QuoteInputs } from './quote-inputs';
import { QuotesRepository } from './quotes.repository';
import { readyDate } from './ready-date';

@Injectable()
export class QuotesService {
  private readonly created: Counter<'tier'>;
  private readonly optionsPerQuote: Histogram<never>;
  private readonly latency: Histogram<never>;

  constructor(
    private readonly inputs: QuoteInputs,
    private readonly quotes: QuotesRepository,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.created = metrics.counter('quotes_created_total', 'Quotes created, by buyer tier', ['tier']);
    this.optionsPerQuote = metrics.histogram('quote_options', 'Options per quote', [], [0, 1, 2, 5, 10, 15, 20]);
    this.latency = metrics.histogram(
      'quote_duration_seconds',
      'Time to build and store a quote',
      [],
      [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25],
    );
  }

  async create(buyerId: string, body: CreateQuoteDto): Promise<QuoteDto> {
    const stopTimer = this.latency.startTimer();
    const now = this.clock.now();
    const request: QuoteRequest = { ...body, readyDate: this.readyDate(body.readyDate, now) };
    const [terms, lanes] = await Promise.all([
      this.inputs.buyerTerms(buyerId),
      this.inputs.lanesOn({ origin: request.origin.country, destination: request.destination.country, mode: request.mode }, now),
    ]);

    const built = buildQuote(request, lanes, terms, now);
    if (built.prohibited) {
      throw new BusinessRuleError(
        'goods_prohibited',
        built.prohibited.message,
        [{ field: 'goods.category', message: built.prohibited.message }],
        {
          rule: built.prohibited.rule,
        },
      );
    }
    const quote: QuoteDto = {
      id: randomUUID(),
      buyerId,
      tier: terms.tier,
      createdAt: now,
      expiresAt: built.expiresAt,
      request,
      options: built.options.map((option) => ({ id: randomUUID(), ...option, expiresAt: built.expiresAt })),
      unavailable: built.unavailable,
    };
    await this.quotes.insert(quote);
    this.created.inc({ tier: terms.tier });
    this.optionsPerQuote.observe(quote.options.length);
    stopTimer();
    return quote;
  }

  async get(principal: Principal, id: string): Promise<QuoteDto> {
    const quote = await this.quotes.find(id);
    requireAccess(principal, 'quote', quote, (q) => q.buyerId);
    return quote;
  }

  private readyDate(given: string | undefined, now: Date): string {
    const window = readyDate(given, now);
    if (!window.ok) {
      throw new InvalidInputError('readyDate is out of range.', [
        { field: 'readyDate', message: `must be a date from ${window.from} to ${window.to} (UTC)` },
      ]);
    }
    return window.readyDate;
  }
}
