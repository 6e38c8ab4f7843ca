import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { TransactionHook, Unit } from './transaction-hooks';
import { PendingEvent, Tx } from './tx';
import { WriteLock } from './write-lock';

/** Any constant: the PostgreSQL advisory lock that serializes writes across every instance. */
const WRITE_LOCK_KEY = 4_242_001;

/**
 * The one place that opens transactions. Writes are serialized — in this process by the write lock,
 * across processes by the database's own write lock (an advisory lock on PostgreSQL) — so whatever the
 * hooks record (the outbox's sequence numbers) commits in order. Hooks (`use`) add their rows to the
 * transaction and act after the commit; the runner knows nothing of what they are.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);
  private readonly hooks: TransactionHook[] = [];
  private readonly postgres: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lock: WriteLock,
  ) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  /** Plugs a hook into every transaction; returns the function that removes it. */
  use(hook: TransactionHook): () => void {
    this.hooks.push(hook);
    return () => {
      const at = this.hooks.indexOf(hook);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      const runner = this.dataSource.createQueryRunner();
      const unit = newUnit(runner.manager);
      const units = [unit];
      let result: T;
      try {
        await runner.startTransaction();
        await this.takeWriteLock(runner);
        for (const hook of this.hooks) await hook.beforeWork?.(unit);
        result = await work(unit.tx);
        for (const hook of this.hooks) await hook.afterWork?.(unit, result);
        await this.beforeCommit(runner.manager, units);
        await runner.commitTransaction();
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
      }
      this.afterCommit(units);
      return result;
    });
  }

  /** Runs `work` while no transaction of this process is open, so it reads only committed rows. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(work);
  }

  private async takeWriteLock(runner: QueryRunner): Promise<void> {
    if (this.postgres) await runner.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
    // SQLite: take the write lock before the first read, as BEGIN IMMEDIATE would (TypeORM only issues BEGIN).
    // A writer in another process then makes this one wait for the busy timeout; a transaction that had read
    // first would fail at once with SQLITE_BUSY when the other writer commits.
    else await runner.query('UPDATE migrations SET id = id WHERE 0');
  }

  private async beforeCommit(manager: EntityManager, units: Unit[]): Promise<void> {
    if (units.some((unit) => unit.events.length > 0) && !this.hooks.some((hook) => hook.recordsEvents)) {
      throw new Error('A write announced events but no event recorder is plugged in (import EventsModule)');
    }
    for (const hook of this.hooks) await hook.beforeCommit?.(manager, units);
  }

  private afterCommit(units: Unit[]): void {
    for (const hook of this.hooks) {
      try {
        hook.afterCommit?.(units);
      } catch (error) {
        this.logger.error(`A transaction hook failed after commit: ${(error as Error).stack ?? error}`);
      }
    }
  }
}

function newUnit(manager: EntityManager): Unit {
  const events: PendingEvent[] = [];
  return { events, tx: { manager, emit: (type, taskId, payload) => void events.push({ type, taskId, payload }) } };
}
