import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import { CreateLaneDto, LaneDto, LanePageDto, UpdateLaneDto } from './dto/lane.dto';
import { LanesService } from './lanes.service';

@ApiTags('Lanes')
@ApiBearerAuth()
@Controller()
export class LanesController {
  constructor(
    private readonly lanes: LanesService,
    private readonly clock: Clock,
  ) {}

  /** Publish a lane with its rate card (that provider). One active lane per origin, destination and mode. */
  @Post('providers/:id/lanes')
  @Roles('provider')
  @ApiErrors('validation_failed', 'forbidden', 'not_found', 'lane_duplicate')
  async create(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateLaneDto,
  ): Promise<LaneDto> {
    return this.lanes.create(caller, id, body, this.clock.now());
  }

  /** A provider's lanes, active and deactivated, oldest first (admin, that provider). */
  @Get('providers/:id/lanes')
  @Roles('admin', 'provider')
  @ApiErrors('validation_failed', 'invalid_cursor', 'forbidden', 'not_found')
  async list(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PaginationQueryDto,
  ): Promise<LanePageDto> {
    return this.lanes.list(caller, id, query);
  }

  /** Change a lane's rate card (that provider). Quotes already given keep their terms. */
  @Patch('lanes/:id')
  @Roles('provider')
  @ApiErrors('validation_failed', 'forbidden', 'not_found', 'lane_duplicate', 'lane_inactive')
  async update(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateLaneDto,
  ): Promise<LaneDto> {
    return this.lanes.update(caller, id, body, this.clock.now());
  }

  /** Deactivate a lane (that provider): it leaves the market at once and is kept for history. */
  @Delete('lanes/:id')
  @HttpCode(204)
  @Roles('provider')
  @ApiErrors('validation_failed', 'forbidden', 'not_found')
  async deactivate(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.lanes.deactivate(caller, id, this.clock.now());
  }
}
