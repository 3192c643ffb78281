import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors, ApiPublicErrors } from '../common/openapi/api-errors.decorator';
import { PublishTierPolicyDto, TierPolicyDto } from './dto/tier-policy.dto';
import type { TierPolicy } from './tier-policy';
import { TierPolicyService } from './tier-policy.service';

@ApiTags('Tiers')
@Controller('tiers')
export class TiersController {
  constructor(private readonly policies: TierPolicyService) {}

  /** The current tier policy: conditions (§3.2) and benefits (§3.4) of L0–L4. */
  @Get('policy')
  @Public()
  @ApiPublicErrors()
  async policy(): Promise<TierPolicyDto> {
    return this.policies.latest();
  }

  /**
   * Publish a new policy version (admin). Validated: L0..L4 in order, thresholds not falling from one
   * tier to the next, percentages 0–100, validities positive. Buyers are re-evaluated under it at
   * their next evaluation; the tier-expiry sweep moves the rest over.
   */
  @Put('policy')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiErrors('validation_failed', 'forbidden', 'tier_policy_conflict')
  async publish(@CurrentPrincipal() caller: Principal, @Body() body: PublishTierPolicyDto): Promise<TierPolicyDto> {
    return this.policies.publish(body as Omit<TierPolicy, 'version'>, caller.keyId);
  }
}
