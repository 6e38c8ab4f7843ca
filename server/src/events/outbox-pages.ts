import { MissionEvent } from '@mission-control/shared';
import { DataSource } from 'typeorm';
import { DomainEventEntity, toMissionEvent } from './domain-event.entity';

export interface PageBudget {
  rows: number;
  /** Payload bytes per page (at least one event is always read, whatever its size). */
  bytes: number;
}

/** A replay page: at most 500 events and about 1 MiB of payload, so a replay of any length holds bounded memory. */
export const REPLAY_PAGE: PageBudget = { rows: 500, bytes: 1024 * 1024 };

export interface OutboxPage {
  events: MissionEvent[];
  /** Whether the outbox may hold more events after the last one of this page. */
  more: boolean;
}

/**
 * Reads the outbox after a sequence number one page at a time, bounded by rows and by payload size:
 * one output event may carry a thousand lines, so a row limit alone does not bound a page.
 * The caller runs it between transactions (`UnitOfWork.exclusive`) so it sees only committed events.
 */
export class OutboxPages {
  constructor(private readonly dataSource: DataSource) {}

  async after(since: number, taskId: string | undefined, budget: PageBudget = REPLAY_PAGE): Promise<OutboxPage> {
    const sizes = this.query(since, taskId)
      .select('e.seq', 'seq')
      .addSelect('LENGTH(e.payload)', 'size')
      .limit(budget.rows);
    const rows = await sizes.getRawMany<{ seq: number | string; size: number | string | null }>();
    if (rows.length === 0) return { events: [], more: false };

    let upTo = Number(rows[0].seq);
    let bytes = Number(rows[0].size ?? 0);
    let taken = 1;
    for (; taken < rows.length; taken++) {
      bytes += Number(rows[taken].size ?? 0);
      if (bytes > budget.bytes) break;
      upTo = Number(rows[taken].seq);
    }
    const entities = await this.query(since, taskId).andWhere('e.seq <= :upTo', { upTo }).getMany();
    return { events: entities.map(toMissionEvent), more: taken < rows.length || rows.length === budget.rows };
  }

  private query(since: number, taskId: string | undefined) {
    const qb = this.dataSource.getRepository(DomainEventEntity).createQueryBuilder('e').where('e.seq > :since', { since }).orderBy('e.seq', 'ASC');
    if (taskId) qb.andWhere('e.task_id = :taskId', { taskId });
    return qb;
  }
}
