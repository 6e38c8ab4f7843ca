import { Module } from '@nestjs/common';
import { AgentRecordsModule } from '../agents/agent-records.module';
import { EventsModule } from '../events/events.module';
import { SessionRecordsModule } from '../sessions/session-records.module';
import { TaskRecordsModule } from '../tasks/task-records.module';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

@Module({
  imports: [TaskRecordsModule, AgentRecordsModule, SessionRecordsModule, EventsModule],
  controllers: [StatsController],
  providers: [StatsService],
})
export class StatsModule {}
