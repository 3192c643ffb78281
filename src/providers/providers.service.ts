import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../common/auth/api-keys.service';
import { requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import type { ApplyProviderDto, ProviderDto, RegisteredProviderDto } from './dto/provider.dto';
import { ProviderEntity } from './provider.entity';
import { toProviderDto } from './providers.mapper';

@Injectable()
export class ProvidersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** A new provider starts `pending`, with its first key issued in the same transaction. */
  async apply(input: ApplyProviderDto, now: Date): Promise<RegisteredProviderDto> {
    return this.dataSource.transaction(async (m) => {
      const provider = await m.save(m.create(ProviderEntity, { legalName: input.legalName.trim(), country: input.country }));
      const { secret } = await this.apiKeys.issue({ role: 'provider', subjectId: provider.id, label: 'registration' }, m);
      const stored = await m.findOneByOrFail(ProviderEntity, { id: provider.id });
      return { provider: toProviderDto(stored, now), apiKey: secret };
    });
  }

  async get(caller: Principal, id: string, now: Date): Promise<ProviderDto> {
    requireAccess(caller, 'provider', id);
    return toProviderDto(await this.find(id), now);
  }

  async find(id: string): Promise<ProviderEntity> {
    const provider = await this.dataSource.getRepository(ProviderEntity).findOneBy({ id });
    if (!provider) throw new NotFoundError('Provider');
    return provider;
  }
}
