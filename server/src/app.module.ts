import { DynamicModule, Module } from '@nestjs/common';
import { ActivitiesModule } from './activities/activities.module';
import { AgentsModule } from './agents/agents.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DeliverablesModule } from './deliverables/deliverables.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { EventsModule } from './events/events.module';
import { SessionsModule } from './sessions/sessions.module';
import { StatsModule } from './stats/stats.module';
import { TasksModule } from './tasks/tasks.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
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
