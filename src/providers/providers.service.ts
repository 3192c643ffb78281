import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiKeysService } from '../common/auth/api-keys.service';
import { requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import { TransactionContext } from '../database/transaction-context';
import type { ApplyProviderDto, ProviderDto, RegisteredProviderDto } from './dto/provider.dto';
import type { ProviderEntity } from './provider.entity';
import { ProvidersRepository } from './providers.repository';
import { toProviderDto } from './providers.mapper';

@Injectable()
export class ProvidersService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionContext,
    private readonly repo: ProvidersRepository,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** Keys for a provider may be issued only while it exists (ApiKeysService asks this module). */
  onModuleInit(): void {
    this.apiKeys.registerSubjects('provider', (id) => this.repo.exists(id));
  }

  /** A new provider starts `pending`, with its first key issued in the same transaction. */
  async apply(input: ApplyProviderDto, now: Date): Promise<RegisteredProviderDto> {
    return this.tx.run(async (m) => {
      const provider = await this.repo.insert({ legalName: input.legalName.trim(), country: input.country }, m);
      const { secret } = await this.apiKeys.issue({ role: 'provider', subjectId: provider.id, label: 'registration' }, m);
      return { provider: toProviderDto(provider, now), apiKey: secret };
    });
  }

  async get(caller: Principal, id: string, now: Date): Promise<ProviderDto> {
    requireAccess(caller, 'provider', id);
    return toProviderDto(await this.find(id), now);
  }

  async find(id: string): Promise<ProviderEntity> {
    const provider = await this.repo.find(id);
    if (!provider) throw new NotFoundError('Provider');
    return provider;
  }
}
