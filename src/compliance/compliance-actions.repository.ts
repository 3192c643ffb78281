import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionContext } from '../database/transaction-context';
import { ComplianceActionEntity } from './compliance-action.entity';

/** The threshold actions taken (`compliance_actions`), shown as `warnings`. */
@Injectable()
export class ComplianceActionsRepository {
  constructor(private readonly tx: TransactionContext) {}

  async insert(action: Omit<ComplianceActionEntity, 'id'>, manager: EntityManager = this.tx.manager): Promise<void> {
    await manager.insert(ComplianceActionEntity, action);
  }

  ofProvider(providerId: string, manager: EntityManager = this.tx.manager): Promise<ComplianceActionEntity[]> {
    return manager.find(ComplianceActionEntity, { where: { providerId }, order: { createdAt: 'ASC', threshold: 'ASC' } });
  }
}
