import { DynamicModule, Global, Module } from '@nestjs/common';
import { ActivitiesModule } from './activities/activities.module';
import { AgentsModule } from './agents/agents.module';
import { AuthModule } from './auth/auth.module';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { PersistenceModule } from './database/persistence.module';
import { DeliverablesModule } from './deliverables/deliverables.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { EventsModule } from './events/events.module';
import { SessionsModule } from './sessions/sessions.module';
import { StatsModule } from './stats/stats.module';
import { TasksModule } from './tasks/tasks.module';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        AuthModule,
        IdempotencyModule,
        TasksModule,
        AgentsModule,
        ActivitiesModule,
        DeliverablesModule,
        SessionsModule,
        StatsModule,
        EventsModule,
      ],
    };
  }
}
