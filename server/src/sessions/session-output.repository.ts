import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { insertRows } from '../database/multi-row-insert';
import { Tx } from '../database/tx';
import { SessionOutputEntity } from './session-output.entity';
import { SessionEntity } from './session.entity';

/** A page of one session's output, oldest first. */
export type OutputRange = { after: number; limit: number } | { before: number; limit: number } | { tail: number };

@Injectable()
export class SessionOutputRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(tx?: Tx): Repository<SessionOutputEntity> {
    return (tx?.manager ?? this.dataSource.manager).getRepository(SessionOutputEntity);
  }

  /** The highest sequence number stored for the session, 0 for none. */
  async lastSeq(sessionId: string, tx?: Tx): Promise<number> {
    const row = await this.repo(tx)
      .createQueryBuilder('o')
      .select('MAX(o.seq)', 'max')
      .where('o.session_id = :sessionId', { sessionId })
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }

  /** One multi-row INSERT (no read-back): the rows' keys are already known. */
  async insert(tx: Tx, rows: SessionOutputEntity[]): Promise<void> {
    await insertRows(
      tx.manager,
      'session_output',
      ['session_id', 'seq', 'task_id', 'stream', 'text', 'created_at'],
      rows.map((o) => [o.session_id, o.seq, o.task_id, o.stream, o.text, o.created_at]),
    );
  }

  async page(sessionId: string, range: OutputRange): Promise<SessionOutputEntity[]> {
    const qb = this.repo().createQueryBuilder('o').where('o.session_id = :sessionId', { sessionId });
    if ('after' in range) {
      return qb.andWhere('o.seq > :after', { after: range.after }).orderBy('o.seq', 'ASC').limit(range.limit).getMany();
    }
    if ('before' in range) qb.andWhere('o.seq < :before', { before: range.before });
    const newest = await qb
      .orderBy('o.seq', 'DESC')
      .limit('tail' in range ? range.tail : range.limit)
      .getMany();
    return newest.reverse();
  }

  /**
   * Ids of sessions whose output may go: completed or failed before `cutoff`, or stale and silent since
   * before it. At most `limit` at a time, so one prune never holds the write lock for long.
   */
  async expiredSessionIds(cutoff: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where(
        "((s.status IN ('completed', 'failed') AND s.ended_at < :cutoff) OR (s.status = 'stale' AND COALESCE(s.last_seen_at, s.updated_at) < :cutoff))",
        { cutoff },
      )
      .andWhere('EXISTS (SELECT 1 FROM session_output o WHERE o.session_id = s.id)')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async deleteForSession(sessionId: string): Promise<number> {
    return (await this.repo().delete({ session_id: sessionId })).affected ?? 0;
  }
}
