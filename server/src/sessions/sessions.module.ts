import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityLogModule } from '../activities/activity-log.module';
import { AgentRecordsModule } from '../agents/agent-records.module';
import { DatabaseModule } from '../database/database.module';
import { TaskRecordsModule } from '../tasks/task-records.module';
import { OpenclawSessionsController } from './openclaw-sessions.controller';
import { SessionLivenessService } from './session-liveness.service';
import { SessionOutputController } from './session-output.controller';
import { SessionOutputEntity } from './session-output.entity';
import { SessionOutputRepository } from './session-output.repository';
import { SessionOutputRetention } from './session-output-retention';
import { SessionOutputService } from './session-output.service';
import { SessionRecordsModule } from './session-records.module';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [DatabaseModule, TypeOrmModule.forFeature([SessionOutputEntity]), SessionRecordsModule, TaskRecordsModule, AgentRecordsModule, ActivityLogModule],
  controllers: [SessionsController, OpenclawSessionsController, SessionOutputController],
  providers: [SessionsService, SessionLivenessService, SessionOutputRepository, SessionOutputService, SessionOutputRetention],
})
export class SessionsModule {}
