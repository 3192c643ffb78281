import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { CreateQuoteDto } from './dto/create-quote.dto';
import { QuoteDto } from './dto/quote.dto';
import { QuotesService } from './quotes.service';

@ApiTags('Quotes')
@ApiBearerAuth()
@Controller('quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  /**
   * Shop every qualified provider at once: one option per eligible lane with its fixed price line by
   * line, chargeable weight, guaranteed delivery date and late-delivery compensation, locked until
   * `expiresAt`. Nothing quotable → 200 with no options and the `unavailable` reasons.
   */
  @Post()
  @Roles('buyer')
  @ApiErrors('forbidden', 'goods_prohibited')
  @ApiCreatedResponse({ type: QuoteDto, description: 'The quote, with at least one option.' })
  @ApiOkResponse({ type: QuoteDto, description: 'Nothing could quote: no options, and the `unavailable` reasons.' })
  async create(
    @CurrentPrincipal() buyer: Principal,
    @Body() body: CreateQuoteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuoteDto> {
    const quote = await this.quotes.create(buyer.subjectId!, body);
    if (quote.options.length === 0) void reply.status(200);
    return quote;
  }

  /** A stored quote, exactly as given (later rate changes never alter it). The buyer's own, or any for admins. */
  @Get(':id')
  @Roles('buyer', 'admin')
  @ApiErrors('forbidden', 'not_found')
  get(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<QuoteDto> {
    return this.quotes.get(principal, id);
  }
}
