import { Module } from '@nestjs/common';
import { ActivityLogModule } from '../activities/activity-log.module';
import { AgentRecordsModule } from '../agents/agent-records.module';
import { DatabaseModule } from '../database/database.module';
import { TaskRecordsModule } from '../tasks/task-records.module';
import { OpenclawSessionsController } from './openclaw-sessions.controller';
import { SessionLivenessService } from './session-liveness.service';
import { SessionRecordsModule } from './session-records.module';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [DatabaseModule, SessionRecordsModule, TaskRecordsModule, AgentRecordsModule, ActivityLogModule],
  controllers: [SessionsController, OpenclawSessionsController],
  providers: [SessionsService, SessionLivenessService],
})
export class SessionsModule {}
