import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { CurrentPrincipal } from './decorators';
import { WhoAmIDto } from './dto/api-key.dto';
import type { Principal } from './principal';

@ApiTags('API keys')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  /** Who the calling key is: its id, role and the buyer or provider it acts for. Handy to check a key. */
  @Get()
  @ApiErrors()
  whoami(@CurrentPrincipal() principal: Principal): WhoAmIDto {
    return { keyId: principal.keyId, role: principal.role, subjectId: principal.subjectId };
  }
}
