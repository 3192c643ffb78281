import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors, ApiPublicErrors } from '../common/openapi/api-errors.decorator';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import { RegistrationRateLimit } from '../common/throttling/throttling';
import { BuyersService } from './buyers.service';
import { toBuyerDto, toHistoryDto, toTierDto } from './buyers.mapper';
import { BuyerDetailDto, BuyerPageDto, ListBuyersQueryDto, RegisterBuyerDto, RegisteredBuyerDto } from './dto/buyer.dto';
import { TierDto, TierHistoryPageDto } from './dto/tier.dto';
import { TierPolicyService } from './tier-policy.service';

@ApiTags('Buyers')
@ApiBearerAuth()
@Controller('buyers')
export class BuyersController {
  constructor(
    private readonly buyers: BuyersService,
    private readonly policies: TierPolicyService,
  ) {}

  /** Register a buyer (open, rate limited per address). Answers the buyer, at L0, and its first API key. */
  @Post()
  @Public()
  @RegistrationRateLimit()
  @ApiPublicErrors()
  async register(@Body() body: RegisterBuyerDto): Promise<RegisteredBuyerDto> {
    const { buyer, apiKey } = await this.buyers.register(body);
    return { buyer: toBuyerDto(buyer), apiKey };
  }

  /** List buyers, oldest first (admin), optionally only those at one tier. */
  @Get()
  @Roles('admin')
  @ApiErrors('forbidden', 'validation_failed', 'invalid_cursor')
  async list(@Query() query: ListBuyersQueryDto): Promise<BuyerPageDto> {
    const page = await this.buyers.list({ tier: query.tier, limit: query.limit ?? 50, cursor: query.cursor });
    return { data: page.data.map(toBuyerDto), nextCursor: page.nextCursor };
  }

  /** One buyer with its current tier (admin, or that buyer). */
  @Get(':id')
  @ApiErrors('validation_failed', 'not_found')
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<BuyerDetailDto> {
    const buyer = await this.buyers.get(caller, id);
    return { ...toBuyerDto(buyer), tierEvaluation: toTierDto(buyer, await this.policies.version(buyer.policyVersion)) };
  }

  /** The buyer's tier, what earned it, until when, and what the next tier needs (§3.3). */
  @Get(':id/tier')
  @ApiErrors('validation_failed', 'not_found')
  async tier(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<TierDto> {
    const buyer = await this.buyers.get(caller, id);
    return toTierDto(buyer, await this.policies.version(buyer.policyVersion));
  }

  /** Every tier change, oldest first: from, to, reason, at. */
  @Get(':id/tier/history')
  @ApiErrors('validation_failed', 'not_found', 'invalid_cursor')
  async history(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PaginationQueryDto,
  ): Promise<TierHistoryPageDto> {
    const page = await this.buyers.history(caller, id, { limit: query.limit ?? 50, cursor: query.cursor });
    return { data: page.data.map(toHistoryDto), nextCursor: page.nextCursor };
  }
}
