import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import { toEvidenceDto } from './buyers.mapper';
import { BusinessRegistrationValueDto, EvidenceDto, EvidencePageDto, ReviewEvidenceDto, SubmitEvidenceDto } from './dto/evidence.dto';
import { EvidenceService } from './evidence.service';

@ApiTags('Buyers')
@ApiBearerAuth()
@ApiExtraModels(BusinessRegistrationValueDto)
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** Submit evidence for review (that buyer). The `value` must fit the type (§3.1). */
  @Post('buyers/:id/evidence')
  @Roles('buyer')
  @ApiErrors('validation_failed', 'forbidden', 'not_found')
  async submit(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: SubmitEvidenceDto,
  ): Promise<EvidenceDto> {
    return toEvidenceDto(await this.evidence.submit(caller, id, body));
  }

  /** The buyer's evidence, oldest first (admin, or that buyer). */
  @Get('buyers/:id/evidence')
  @ApiErrors('validation_failed', 'not_found', 'invalid_cursor')
  async list(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PaginationQueryDto,
  ): Promise<EvidencePageDto> {
    const page = await this.evidence.list(caller, id, { limit: query.limit ?? 50, cursor: query.cursor });
    return { data: page.data.map(toEvidenceDto), nextCursor: page.nextCursor };
  }

  /** Verify or reject pending evidence (admin), once; the buyer's tier is re-evaluated at once. */
  @Post('evidence/:id/review')
  @HttpCode(200)
  @Roles('admin')
  @ApiErrors('validation_failed', 'forbidden', 'not_found', 'evidence_already_reviewed')
  async review(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReviewEvidenceDto,
  ): Promise<EvidenceDto> {
    return toEvidenceDto(await this.evidence.review(caller, id, body));
  }
}
