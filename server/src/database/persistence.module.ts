import { Global, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivitiesRepository } from '../activities/activities.repository';
import { AgentsRepository } from '../agents/agents.repository';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DeliverablesRepository } from '../deliverables/deliverables.repository';
import { EventBus } from '../events/event-bus';
import { EVENT_FANOUT } from '../events/event-fanout';
import { OutboxRelay } from '../events/outbox-relay';
import { RedisFanout } from '../events/redis-fanout';
import { OutboxRepository } from '../events/outbox.repository';
import { IdempotencyRepository } from '../idempotency/idempotency.repository';
import { IdempotentUnitOfWork } from '../idempotency/idempotent-unit-of-work';
import { SessionPulse } from '../sessions/session-pulse';
import { SessionsRepository } from '../sessions/sessions.repository';
import { TasksRepository } from '../tasks/tasks.repository';
import { connectionRetryOptions } from './database-startup';
import { dataSourceOptions } from './data-source-options';
import { UnitOfWork } from './unit-of-work';
import { WriteLock } from './write-lock';

const SHARED: Provider[] = [
  TasksRepository,
  AgentsRepository,
  ActivitiesRepository,
  DeliverablesRepository,
  SessionsRepository,
  OutboxRepository,
  EventBus,
  WriteLock,
  OutboxRelay,
  {
    provide: EVENT_FANOUT,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => (config.redisUrl ? RedisFanout.connect(config.redisUrl, config.redisChannel) : null),
  },
  IdempotencyRepository,
  SessionPulse,
  // Writes store their request's Idempotency-Key in the same transaction.
  { provide: UnitOfWork, useClass: IdempotentUnitOfWork },
];

/** The database (migrated on start-up), every repository, the event bus and the unit of work. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        ...connectionRetryOptions(config.databaseUrl),
        migrationsRun: true,
        migrationsTransactionMode: 'each',
      }),
    }),
  ],
  providers: SHARED,
  exports: SHARED,
})
export class PersistenceModule {}
