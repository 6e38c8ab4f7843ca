import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { ActivityLog } from './activity-log';

@Module({
  controllers: [ActivitiesController],
  providers: [ActivitiesService, ActivityLog],
  exports: [ActivityLog],
})
export class ActivitiesModule {}
