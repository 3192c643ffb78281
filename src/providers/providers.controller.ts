import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { ApiErrors, ApiPublicErrors } from '../common/openapi/api-errors.decorator';
import { RegistrationRateLimit } from '../common/throttling/throttling';
import { ProviderScorecardDto } from './dto/market.dto';
import { ApplyProviderDto, ProviderDto, QualificationResultDto, RegisteredProviderDto } from './dto/provider.dto';
import { MarketService } from './market.service';
import { ProvidersService } from './providers.service';
import { QualificationService } from './qualification.service';

@ApiTags('Providers')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController {
  constructor(
    private readonly providers: ProvidersService,
    private readonly qualification: QualificationService,
    private readonly market: MarketService,
    private readonly clock: Clock,
  ) {}

  /** Apply as a logistics provider (open, rate limited per address). Answers the provider, `pending`, and its first API key. */
  @Post()
  @Public()
  @RegistrationRateLimit()
  @ApiPublicErrors()
  async apply(@Body() body: ApplyProviderDto): Promise<RegisteredProviderDto> {
    return this.providers.apply(body, this.clock.now());
  }

  /** One provider with its status, restriction, demotion and last qualification check (admin, that provider). */
  @Get(':id')
  @Roles('admin', 'provider')
  @ApiErrors('validation_failed', 'forbidden', 'not_found')
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProviderDto> {
    return this.providers.get(caller, id, this.clock.now());
  }

  /** Run the §4.3 qualification check now, store it and move the status (admin, that provider). */
  @Post(':id/qualification-check')
  @HttpCode(200)
  @Roles('admin', 'provider')
  @ApiErrors('validation_failed', 'forbidden', 'not_found')
  async check(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<QualificationResultDto> {
    return this.qualification.runFor(caller, id, this.clock.now());
  }

  /** On-time rate, deliveries, lateness and active points of one provider (§4.5; any key). */
  @Get(':id/scorecard')
  @ApiErrors('validation_failed', 'not_found')
  async scorecard(@Param('id', new ParseUUIDPipe()) id: string): Promise<ProviderScorecardDto> {
    return this.market.scorecard(id, this.clock.now());
  }
}
