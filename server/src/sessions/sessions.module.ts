import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { OpenclawSessionsController } from './openclaw-sessions.controller';
import { SessionLifecycle } from './session-lifecycle';
import { SessionLivenessService } from './session-liveness.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [ActivitiesModule],
  controllers: [SessionsController, OpenclawSessionsController],
  providers: [SessionsService, SessionLifecycle, SessionLivenessService],
  exports: [SessionLifecycle],
})
export class SessionsModule {}
