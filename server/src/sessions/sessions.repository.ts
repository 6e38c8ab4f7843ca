import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ListSessionsQuery } from '@mission-control/shared';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { BaseRepository } from '../database/base.repository';
import { Tx } from '../database/tx';
import { SessionEntity } from './session.entity';

@Injectable()
export class SessionsRepository extends BaseRepository<SessionEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, SessionEntity);
  }

  list(query: ListSessionsQuery & { limit: number }): Promise<SessionEntity[]> {
    const where: FindOptionsWhere<SessionEntity> = {};
    if (query.session_type) where.session_type = query.session_type;
    if (query.status) where.status = query.status;
    if (query.task_id) where.task_id = query.task_id;
    return this.repo().find({ where, order: { created_at: 'DESC', id: 'DESC' }, take: query.limit });
  }

  /** By our id, or else by the agent runtime's own session key (`openclaw_session_id`). */
  async findByIdOrKey(idOrKey: string, tx?: Tx): Promise<SessionEntity | null> {
    return (
      (await this.findById(idOrKey, tx)) ??
      (await this.repo(tx).findOne({ where: { openclaw_session_id: idOrKey }, order: { created_at: 'DESC', id: 'DESC' } }))
    );
  }

  findActiveForTask(tx: Tx, taskId: string): Promise<SessionEntity[]> {
    return this.repo(tx).findBy({ task_id: taskId, status: 'active' });
  }

  countActiveForAgent(tx: Tx, agentId: string): Promise<number> {
    return this.repo(tx).countBy({ agent_id: agentId, status: 'active' });
  }

  /** The sidebar's "Active Sub-Agents: N". */
  countActiveSubagents(): Promise<number> {
    return this.repo().countBy({ session_type: 'subagent', status: 'active' });
  }
}
