import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { ComplianceService } from './compliance.service';
import { ComplianceDto, ComplianceQueryDto, RecordViolationDto, ViolationDto } from './dto/compliance.dto';

@ApiTags('Compliance')
@ApiBearerAuth()
@Controller('providers/:id')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  /** The month's violations, active points, running restriction and demotion (SPEC §7). */
  @Get('compliance')
  @Roles('admin', 'provider')
  @ApiErrors('forbidden', 'not_found')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ComplianceQueryDto,
  ): Promise<ComplianceDto> {
    return this.compliance.compliance(principal, id, query.month);
  }

  /** Record a violation an admin decided (serious price manipulation, off-platform diversion, forged evidence). */
  @Post('violations')
  @Roles('admin')
  @ApiErrors('forbidden', 'not_found')
  record(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RecordViolationDto): Promise<ViolationDto> {
    return this.compliance.recordByAdmin(id, body);
  }
}
