import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ListTasksQuery, TaskStatus } from '@mission-control/shared';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { Tx } from '../database/tx';
import { BaseRepository } from '../database/base.repository';
import { TaskEntity } from './task.entity';

@Injectable()
export class TasksRepository extends BaseRepository<TaskEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, TaskEntity);
  }

  list(query: ListTasksQuery & { limit: number }): Promise<TaskEntity[]> {
    const where: FindOptionsWhere<TaskEntity> = {};
    if (query.status) where.status = query.status;
    if (query.assigned_agent_id) where.assigned_agent_id = query.assigned_agent_id;
    return this.repo().find({ where, order: { created_at: 'DESC', id: 'DESC' }, take: query.limit });
  }

  /** Tasks that name the agent as assignee or creator. */
  findNamingAgent(tx: Tx, agentId: string): Promise<TaskEntity[]> {
    return this.repo(tx).find({ where: [{ assigned_agent_id: agentId }, { created_by_agent_id: agentId }] });
  }

  async countByStatus(): Promise<Partial<Record<TaskStatus, number>>> {
    const rows = await this.repo()
      .createQueryBuilder('t')
      .select('t.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('t.status')
      .getRawMany<{ status: TaskStatus; count: string | number }>();
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }
}
