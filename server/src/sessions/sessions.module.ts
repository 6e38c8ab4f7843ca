import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { SessionLifecycle } from './session-lifecycle';
import { SessionLivenessService } from './session-liveness.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [ActivitiesModule],
  controllers: [SessionsController],
  providers: [SessionsService, SessionLifecycle, SessionLivenessService],
  exports: [SessionLifecycle],
})
export class SessionsModule {}
