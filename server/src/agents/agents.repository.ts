import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ListAgentsQuery } from '@mission-control/shared';
import { DataSource } from 'typeorm';
import { BaseRepository } from '../database/base.repository';
import { Tx } from '../database/tx';
import { AgentEntity } from './agent.entity';

@Injectable()
export class AgentsRepository extends BaseRepository<AgentEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, AgentEntity);
  }

  list(query: ListAgentsQuery): Promise<AgentEntity[]> {
    return this.repo().find({
      where: query.status ? { status: query.status } : {},
      order: { is_master: 'DESC', name: 'ASC', id: 'ASC' },
    });
  }

  findByName(name: string, tx?: Tx): Promise<AgentEntity | null> {
    return this.repo(tx).findOne({ where: { name }, order: { created_at: 'ASC', id: 'ASC' } });
  }

  countWorking(): Promise<number> {
    return this.repo().countBy({ status: 'working' });
  }
}
