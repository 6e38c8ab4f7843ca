import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentRecordsModule } from '../agents/agent-records.module';
import { SessionEntity } from './session.entity';
import { SessionLifecycle } from './session-lifecycle';
import { SessionPulse } from './session-pulse';
import { SessionsRepository } from './sessions.repository';

/** Sessions' records and their status changes, for the modules that end, revive or touch sessions. */
@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity]), AgentRecordsModule],
  providers: [SessionsRepository, SessionLifecycle, SessionPulse],
  exports: [SessionsRepository, SessionLifecycle, SessionPulse],
})
export class SessionRecordsModule {}
