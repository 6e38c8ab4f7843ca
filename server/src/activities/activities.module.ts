import { Module } from '@nestjs/common';
import { AgentRecordsModule } from '../agents/agent-records.module';
import { DatabaseModule } from '../database/database.module';
import { SessionRecordsModule } from '../sessions/session-records.module';
import { TaskRecordsModule } from '../tasks/task-records.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { ActivityLogModule } from './activity-log.module';

@Module({
  imports: [DatabaseModule, ActivityLogModule, TaskRecordsModule, AgentRecordsModule, SessionRecordsModule],
  controllers: [ActivitiesController],
  providers: [ActivitiesService],
})
export class ActivitiesModule {}
