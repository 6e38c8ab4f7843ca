import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MissionEvent } from '@mission-control/shared';
import { DataSource } from 'typeorm';
import { EventBus } from '../events/event-bus';
import { OutboxRepository } from '../events/outbox.repository';
import { Tx } from './tx';


/**
 * The one place that opens transactions. Writes run one at a time (SQLite has a single writer and
 * TypeORM shares one connection for it), every event is written to the outbox inside the transaction,
 * and events are published on the bus only after the commit, in sequence order.
 */
@Injectable()
export class UnitOfWork {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly bus: EventBus,
  ) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const events: MissionEvent[] = [];
      const result = await this.dataSource.transaction(async (manager) => {
        const tx: Tx = {
          manager,
          emit: async (type, taskId, payload) => {
            events.push(await this.outbox.append(manager, type, taskId, payload));
          },
        };
        return work(tx);
      });
      for (const event of events) this.bus.publish(event);
      return result;
    });
  }

  /** Runs `work` while no transaction is open, so it reads only committed rows. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
