import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal } from './decorators';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import type { Principal } from './principal';
import type { ApiKeyEntity } from './api-key.entity';

export const toApiKeyDto = (key: ApiKeyEntity): ApiKeyDto => ({
  id: key.id,
  prefix: key.prefix,
  role: key.role,
  subjectId: key.subjectId,
  label: key.label,
  createdAt: key.createdAt,
  revokedAt: key.revokedAt ?? null,
});

@ApiTags('API keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** Issue a key. Admins issue keys of any role; a buyer or provider issues extra keys for itself. */
  @Post()
  @ApiErrors('forbidden', 'not_found')
  async create(@CurrentPrincipal() caller: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { key, secret } = await this.apiKeys.issueFor(caller, body);
    return { key: toApiKeyDto(key), apiKey: secret };
  }

  /** Revoke a key at once. A party may revoke only its own keys; anyone else's is 404. */
  @Delete(':id')
  @HttpCode(204)
  @ApiErrors('not_found')
  async revoke(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.apiKeys.revoke(caller, id);
  }
}
