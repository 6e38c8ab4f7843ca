import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MissionEvent } from '@mission-control/shared';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../events/outbox-relay';
import { OutboxRepository } from '../events/outbox.repository';
import { Tx } from './tx';
import { WriteLock } from './write-lock';

/** Any constant: the PostgreSQL advisory lock that serializes writes across every instance. */
const WRITE_LOCK_KEY = 4_242_001;

/**
 * The one place that opens transactions. Every event is written to the outbox inside the transaction
 * and handed to the relay only after the commit. Writes are serialized — in this process by the write
 * lock, across processes by the database's own write lock (an advisory lock on PostgreSQL) — so sequence
 * numbers commit in order and a client resuming from a sequence number can never skip an event that
 * commits late.
 */
@Injectable()
export class UnitOfWork {
  private readonly postgres: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly lock: WriteLock,
    private readonly relay: OutboxRelay,
  ) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      const events: MissionEvent[] = [];
      const result = await this.dataSource.transaction(async (manager) => {
        if (this.postgres) await manager.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
        // SQLite: take the write lock before the first read, as BEGIN IMMEDIATE would (TypeORM only issues
        // BEGIN). A writer in another process then makes this one wait for the busy timeout; a transaction that
        // had read first would fail at once with SQLITE_BUSY when the other writer commits.
        else await manager.query('UPDATE domain_events SET seq = seq WHERE 0');
        const tx: Tx = {
          manager,
          emit: async (type, taskId, payload) => {
            events.push(await this.outbox.append(manager, type, taskId, payload));
          },
        };
        return work(tx);
      });
      this.relay.committed(events);
      return result;
    });
  }

  /** Runs `work` while no transaction of this process is open, so it reads only committed rows. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(work);
  }
}
