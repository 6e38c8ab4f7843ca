import { INestApplicationContext } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import * as path from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import { DatabaseModule } from '../../src/database/database.module';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { OutboxRepository } from '../../src/events/outbox.repository';
import { EventsModule } from '../../src/events/events.module';
import { TaskRecordsModule } from '../../src/tasks/task-records.module';
import { TaskEntity } from '../../src/tasks/task.entity';
import { TasksRepository } from '../../src/tasks/tasks.repository';
import { tempDir } from '../e2e/support/test-app';

describe('the transaction runner (group commit, real SQLite)', () => {
  let context: INestApplicationContext;
  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(tempDir('mc-uow-'), 'mc.db')}` });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), DatabaseModule, EventsModule, TaskRecordsModule] }).compile();
    context = await moduleRef.createNestApplication(new FastifyAdapter(), { logger: false }).init();
  });
  afterAll(() => context?.close());

  const aTask = (title: string) =>
    Object.assign(new TaskEntity(), { id: title, title, description: null, status: 'inbox', priority: 'normal', assigned_agent_id: null, created_by_agent_id: null, due_date: null, created_at: new Date().toISOString(), updated_at: new Date().toISOString(), version: 1 } satisfies TaskEntity);

  it('writes queued together share a transaction; one that fails after writing rolls back alone and is answered alone', async () => {
    const uow = context.get(UnitOfWork);
    const tasks = context.get(TasksRepository);
    const write = (title: string, fail = false) =>
      uow.run(async (tx) => {
        await tasks.insert(tx, aTask(title));
        tx.emit('task_created', title, { id: title } as never);
        if (fail) throw new Error(`${title} changed its mind`);
        return title;
      });

    // Queued in one tick: they run as one group, the middle one inside its own savepoint.
    const before = uow.transactionsCommitted;
    const results = await Promise.allSettled([write('first'), write('middle', true), write('last')]);
    expect(uow.transactionsCommitted - before).toBe(1);

    expect(results).toEqual([
      { status: 'fulfilled', value: 'first' },
      { status: 'rejected', reason: new Error('middle changed its mind') },
      { status: 'fulfilled', value: 'last' },
    ]);
    expect((await tasks.list({ limit: 10 })).map((task) => task.id).sort()).toEqual(['first', 'last']);
    const events = await context.get(OutboxRepository).after({ since: 0, limit: 10 });
    expect(events.map((event) => `${event.seq}:${event.task_id}`)).toEqual(['1:first', '2:last']);
  });

  it('writes that arrive in separate callbacks of one turn of the event loop, as HTTP requests do, share a transaction', async () => {
    const uow = context.get(UnitOfWork);
    const tasks = context.get(TasksRepository);
    const before = uow.transactionsCommitted;
    // Three timers due together run in one phase of the loop, each callback followed by its microtasks: with
    // SQLite's synchronous driver a transaction started from a microtask would end before the next callback.
    const written = await Promise.all(
      ['one', 'two', 'three'].map(
        (title) =>
          new Promise<string>((resolve, reject) =>
            setTimeout(() => uow.run(async (tx) => (await tasks.insert(tx, aTask(title))).id).then(resolve, reject), 0),
          ),
      ),
    );
    expect(written).toEqual(['one', 'two', 'three']);
    expect(uow.transactionsCommitted - before).toBe(1);
  });

  it('a write that fails alone rolls back everything it wrote', async () => {
    const uow = context.get(UnitOfWork);
    const tasks = context.get(TasksRepository);
    await expect(
      uow.run(async (tx) => {
        await tasks.insert(tx, aTask('lonely'));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await tasks.exists('lonely')).toBe(false);
  });
});
