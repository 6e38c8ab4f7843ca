import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { SessionRecordsModule } from '../sessions/session-records.module';
import { TaskRecordsModule } from '../tasks/task-records.module';
import { AgentRecordsModule } from './agent-records.module';
import { AgentsController } from './agents.controller';
import { AgentsService } from './agents.service';

@Module({
  imports: [DatabaseModule, AgentRecordsModule, SessionRecordsModule, TaskRecordsModule],
  controllers: [AgentsController],
  providers: [AgentsService],
})
export class AgentsModule {}
