import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BaseRepository } from '../database/base.repository';
import { DeliverableEntity } from './deliverable.entity';

@Injectable()
export class DeliverablesRepository extends BaseRepository<DeliverableEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, DeliverableEntity);
  }

  listForTask(taskId: string, limit: number): Promise<DeliverableEntity[]> {
    return this.repo().find({ where: { task_id: taskId }, order: { created_at: 'ASC', id: 'ASC' }, take: limit });
  }
}
