import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventPayloads, EventType, MissionEvent } from '@mission-control/shared';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { now } from '../common/clock';
import { DomainEventEntity, toMissionEvent } from './domain-event.entity';

export interface EventQuery {
  since: number;
  /** Only events of this task. */
  taskId?: string;
  limit: number;
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append<T extends EventType>(manager: EntityManager, type: T, taskId: string | null, payload: EventPayloads[T]): Promise<MissionEvent> {
    const row = manager.create(DomainEventEntity, {
      type,
      task_id: taskId,
      payload: payload as unknown as Record<string, unknown>,
      created_at: now(),
    });
    const saved = await manager.save(DomainEventEntity, row);
    return toMissionEvent(saved);
  }

  async after(query: EventQuery): Promise<MissionEvent[]> {
    const qb = this.dataSource
      .getRepository(DomainEventEntity)
      .createQueryBuilder('e')
      .where('e.seq > :since', { since: query.since })
      .orderBy('e.seq', 'ASC')
      .limit(query.limit);
    if (query.taskId) qb.andWhere('e.task_id = :taskId', { taskId: query.taskId });
    return (await qb.getMany()).map(toMissionEvent);
  }

  /** The oldest and newest stored sequence numbers (0 and 0 when empty). */
  async bounds(): Promise<{ oldest: number; latest: number }> {
    const row = await this.dataSource
      .getRepository(DomainEventEntity)
      .createQueryBuilder('e')
      .select('MIN(e.seq)', 'min')
      .addSelect('MAX(e.seq)', 'max')
      .getRawOne<{ min: number | string | null; max: number | string | null }>();
    return { oldest: Number(row?.min ?? 0), latest: Number(row?.max ?? 0) };
  }

  async latestSeq(): Promise<number> {
    const row = await this.dataSource
      .getRepository(DomainEventEntity)
      .createQueryBuilder('e')
      .select('MAX(e.seq)', 'max')
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }

  /** Deletes events older than `before`; returns how many went. */
  async pruneBefore(before: string): Promise<number> {
    const result = await this.dataSource.getRepository(DomainEventEntity).delete({ created_at: LessThan(before) });
    return result.affected ?? 0;
  }
}
