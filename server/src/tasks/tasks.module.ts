import { Module } from '@nestjs/common';
import { ActivityLogModule } from '../activities/activity-log.module';
import { AgentRecordsModule } from '../agents/agent-records.module';
import { DatabaseModule } from '../database/database.module';
import { SessionRecordsModule } from '../sessions/session-records.module';
import { TaskRecordsModule } from './task-records.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [DatabaseModule, TaskRecordsModule, AgentRecordsModule, SessionRecordsModule, ActivityLogModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}
