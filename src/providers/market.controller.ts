import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Clock } from '../common/clock';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { MarketPageDto, MarketQueryDto } from './dto/market.dto';
import { MarketService, serializeMarketPage } from './market.service';

@ApiTags('Market')
@ApiBearerAuth()
@Controller('market')
export class MarketController {
  constructor(
    private readonly market: MarketService,
    private readonly clock: Clock,
  ) {}

  /**
   * The buyer logistics market (§4.5; any key): listed providers with their matching active lanes
   * and scorecards. Providers under a ranking demotion last; then on-time rate (unrated counts as
   * 0.85) descending; then legal name.
   */
  @Get('providers')
  @ApiErrors('validation_failed', 'invalid_cursor')
  async list(@Query() query: MarketQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<MarketPageDto> {
    // The same JSON as JSON.stringify, from each entry's JSON built once per listing.
    // (A custom serializer leaves the content type to us; an error answer sets its own.)
    void reply.type('application/json; charset=utf-8').serializer(serializeMarketPage);
    return this.market.list(query, this.clock.now());
  }
}
