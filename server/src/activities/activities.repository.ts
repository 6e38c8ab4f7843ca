import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BaseRepository } from '../database/base.repository';
import { Tx } from '../database/tx';
import { ActivityEntity } from './activity.entity';

@Injectable()
export class ActivitiesRepository extends BaseRepository<ActivityEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, ActivityEntity);
  }

  /** Newest first; timestamps are unique per process, the id breaks ties between processes. */
  listForTask(taskId: string, limit: number): Promise<ActivityEntity[]> {
    return this.repo().find({ where: { task_id: taskId }, order: { created_at: 'DESC', id: 'DESC' }, take: limit });
  }

  /** The `spawned` activity already logged for a sub-agent session, if any. */
  async findSpawnedFor(tx: Tx, taskId: string, sessionKey: string): Promise<ActivityEntity | null> {
    const candidates = await this.repo(tx).find({ where: { task_id: taskId, activity_type: 'spawned' } });
    return candidates.find((activity) => activity.metadata?.session_id === sessionKey) ?? null;
  }
}
