import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import { ClaimsService } from './claims.service';
import { ClaimDto, CreditPageDto, ReviewClaimDto } from './dto/claim.dto';

@ApiTags('Claims and credits')
@ApiBearerAuth()
@Controller()
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  /** Approve (an amount that becomes a credit) or reject (with a reason) a damage or loss claim. */
  @Post('claims/:id/review')
  @HttpCode(200)
  @Roles('admin')
  @ApiErrors('forbidden', 'not_found', 'claim_already_reviewed', 'amount_exceeds_limit')
  review(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReviewClaimDto): Promise<ClaimDto> {
    return this.claims.review(id, body);
  }

  /** The buyer's credits, newest first, each valid 90 days from issue, and `balanceMinor`: what is left to spend. */
  @Get('buyers/:id/credits')
  @Roles('admin', 'buyer')
  @ApiErrors('forbidden', 'not_found', 'invalid_cursor')
  credits(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PaginationQueryDto,
  ): Promise<CreditPageDto> {
    return this.claims.credits(principal, id, query.limit ?? 50, query.cursor);
  }
}
