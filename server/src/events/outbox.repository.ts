import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MissionEvent } from '@mission-control/shared';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { now } from '../common/clock';
import { insertRows } from '../database/multi-row-insert';
import { PendingEvent } from '../database/tx';
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

  /**
   * Writes events in the caller's transaction, in order, in as few statements as the driver allows, and
   * returns them with their sequence numbers.
   */
  async append(manager: EntityManager, pending: readonly PendingEvent[]): Promise<MissionEvent[]> {
    const at = now();
    const rows = pending.map((event) => [event.type, event.taskId, JSON.stringify(event.payload), at]);
    const returned = await insertRows<{ seq: number | string }>(manager, 'domain_events', ['type', 'task_id', 'payload', 'created_at'], rows, 'seq');
    // Writes are serialized, so the numbers given out follow the order of the rows.
    const seqs = returned.map((row) => Number(row.seq)).sort((a, b) => a - b);
    return pending.map((event, i) => ({ seq: seqs[i], type: event.type, task_id: event.taskId, at, payload: event.payload }) as MissionEvent);
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
