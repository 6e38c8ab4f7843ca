import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { SessionLifecycle } from './session-lifecycle';
import { SessionLivenessService } from './session-liveness.service';
import { SessionOutputController } from './session-output.controller';
import { SessionOutputRepository } from './session-output.repository';
import { SessionOutputRetention } from './session-output-retention';
import { SessionOutputService } from './session-output.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [ActivitiesModule],
  controllers: [SessionsController, SessionOutputController],
  providers: [SessionsService, SessionLifecycle, SessionLivenessService, SessionOutputRepository, SessionOutputService, SessionOutputRetention],
  exports: [SessionLifecycle],
})
export class SessionsModule {}
