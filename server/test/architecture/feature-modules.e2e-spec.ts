import { INestApplicationContext, Type } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import * as path from 'node:path';
import { ActivitiesModule } from '../../src/activities/activities.module';
import { ActivitiesService } from '../../src/activities/activities.service';
import { AgentsModule } from '../../src/agents/agents.module';
import { AgentsService } from '../../src/agents/agents.service';
import { loadConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import { DatabaseModule } from '../../src/database/database.module';
import { DeliverablesModule } from '../../src/deliverables/deliverables.module';
import { DeliverablesService } from '../../src/deliverables/deliverables.service';
import { EventStreams } from '../../src/events/event-streams';
import { EventsModule } from '../../src/events/events.module';
import { SessionsModule } from '../../src/sessions/sessions.module';
import { SessionsService } from '../../src/sessions/sessions.service';
import { TasksModule } from '../../src/tasks/tasks.module';
import { TasksService } from '../../src/tasks/tasks.service';
import { tempDir } from '../e2e/support/test-app';

async function boot(...modules: Type[]): Promise<INestApplicationContext> {
  const dir = tempDir('mc-module-');
  const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'mc.db')}`, DELIVERABLES_ROOT: path.join(dir, 'files') });
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), DatabaseModule, ...modules] }).compile();
  return moduleRef.createNestApplication(new FastifyAdapter(), { logger: false }).init();
}

describe('each feature module boots alone with the database module', () => {
  let context: INestApplicationContext | undefined;
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  it('tasks', async () => {
    context = await boot(TasksModule);
    expect(await context.get(TasksService).list({})).toEqual([]);
  });

  it('agents', async () => {
    context = await boot(AgentsModule);
    expect(await context.get(AgentsService).list({})).toEqual([]);
  });

  it('sessions', async () => {
    context = await boot(SessionsModule);
    expect(await context.get(SessionsService).list({})).toEqual([]);
  });

  it('activities', async () => {
    context = await boot(ActivitiesModule);
    await expect(context.get(ActivitiesService).listForTask('nope')).rejects.toThrow('Task "nope" not found');
  });

  it('deliverables', async () => {
    context = await boot(DeliverablesModule);
    await expect(context.get(DeliverablesService).listForTask('nope')).rejects.toThrow('not found');
  });

  it('a write without the events module is refused rather than losing its event', async () => {
    context = await boot(TasksModule);
    await expect(context.get(TasksService).create({ title: 'alone' })).rejects.toThrow('no event recorder');
    expect(await context.get(TasksService).list({})).toEqual([]);
  });

  it('with the events module plugged in, the same write records its event', async () => {
    context = await boot(TasksModule, EventsModule);
    const task = await context.get(TasksService).create({ title: 'recorded' });
    expect(await context.get(TasksService).list({})).toEqual([task]);
    expect(await context.get(EventStreams).latestSeq()).toBe(1);
  });
});
