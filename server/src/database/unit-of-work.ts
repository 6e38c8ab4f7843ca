import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncResource } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { TransactionHook, Unit } from './transaction-hooks';
import { PendingEvent, Tx } from './tx';
import { WriteLock } from './write-lock';

/** Any constant: the PostgreSQL advisory lock that serializes writes across every instance. */
const WRITE_LOCK_KEY = 4_242_001;
/** Units sharing one transaction at most; more wait for the next one. */
const MAX_GROUP = 128;

interface Queued {
  work: (tx: Tx) => Promise<unknown>;
  /** Runs a function in the caller's async context (its request, its Idempotency-Key). */
  inCallerContext: <R>(fn: () => R) => R;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Done {
  queued: Queued;
  unit: Unit;
  ok: boolean;
  value: unknown;
}

/**
 * The one place that opens transactions. Writes are serialized — in this process by the write lock,
 * across processes by the database's own write lock (an advisory lock on PostgreSQL) — so whatever the
 * hooks record (the outbox's sequence numbers) commits in order.
 *
 * Group commit: the writes that queue up while a transaction runs share the next one, each in its own
 * savepoint, so a failing write rolls back and is answered alone while the others pay for one BEGIN, one
 * lock and one COMMIT between them. A caller is answered only after the commit that made its write durable.
 * Hooks (`use`) add their rows to the transaction and act after the commit; the runner knows nothing of them.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);
  private readonly hooks: TransactionHook[] = [];
  private readonly postgres: boolean;
  private readonly queue: Queued[] = [];
  private scheduled = false;
  private committed = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lock: WriteLock,
  ) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  /** Database transactions committed so far (each carries one or more callers' writes). */
  get transactionsCommitted(): number {
    return this.committed;
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
    return new Promise<T>((resolve, reject) => {
      // The caller's async context. Not AsyncLocalStorage.snapshot(): its AsyncResource.bind defines two deprecated
      // accessors through util.deprecate on every call, which showed in the profile of every write.
      const caller = new AsyncResource('UnitOfWork');
      this.queue.push({ work, inCallerContext: (fn) => caller.runInAsyncScope(fn), resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Runs `work` while no transaction of this process is open, so it reads only committed rows. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(work);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.lock
      .run(async () => {
        // Let the writes that arrive in this turn of the event loop join the group. With SQLite (synchronous)
        // a transaction would otherwise finish before the next request is even read: groups of one.
        await new Promise((resolve) => setImmediate(resolve));
        this.scheduled = false;
        const group = this.queue.splice(0, MAX_GROUP);
        if (group.length > 0) await this.commitGroup(group);
        if (this.queue.length > 0) this.schedule();
      })
      .catch((error: Error) => this.logger.error(`The transaction runner failed: ${error.stack ?? error.message}`));
  }

  private async commitGroup(group: Queued[]): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const done: Done[] = [];
    try {
      await runner.startTransaction();
      await this.takeWriteLock(runner);
      const alone = group.length === 1;
      for (const queued of group) done.push(await this.runUnit(runner, queued, alone));
      const units = done.filter((d) => d.ok).map((d) => d.unit);
      await this.beforeCommit(runner.manager, units);
      await runner.commitTransaction();
      this.committed++;
      this.afterCommit(units);
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      // Nothing of this transaction was written: every caller still waiting gets the error.
      for (const queued of group) {
        const own = done.find((d) => d.queued === queued);
        queued.reject(own && !own.ok ? own.value : error);
      }
      return;
    } finally {
      // A connection that cannot be handed back must not leave the callers unanswered.
      await runner.release().catch((error: Error) => this.logger.warn(`Releasing a connection failed: ${error.message}`));
    }
    for (const { queued, ok, value } of done) (ok ? queued.resolve : queued.reject)(value);
  }

  /** One caller's work in its own savepoint (none when it is alone: the transaction is its own). */
  private async runUnit(runner: QueryRunner, queued: Queued, alone: boolean): Promise<Done> {
    const unit = newUnit(runner.manager);
    if (alone) {
      const value = await queued.inCallerContext(() => this.work(unit, queued));
      return { queued, unit, ok: true, value };
    }
    await runner.startTransaction(); // a savepoint
    try {
      const value = await queued.inCallerContext(() => this.work(unit, queued));
      await runner.commitTransaction(); // releases the savepoint
      return { queued, unit, ok: true, value };
    } catch (error) {
      await runner.rollbackTransaction(); // back to the savepoint: this caller's writes only
      return { queued, unit, ok: false, value: error };
    }
  }

  private async work(unit: Unit, queued: Queued): Promise<unknown> {
    for (const hook of this.hooks) await hook.beforeWork?.(unit);
    const result = await queued.work(unit.tx);
    for (const hook of this.hooks) await hook.afterWork?.(unit, result);
    return result;
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
