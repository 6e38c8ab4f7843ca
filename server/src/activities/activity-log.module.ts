import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivitiesRepository } from './activities.repository';
import { ActivityEntity } from './activity.entity';
import { ActivityLog } from './activity-log';

/** Tasks' activity logs: the records and the one way to append to them. Tasks and sessions write here too. */
@Module({
  imports: [TypeOrmModule.forFeature([ActivityEntity])],
  providers: [ActivitiesRepository, ActivityLog],
  exports: [ActivitiesRepository, ActivityLog],
})
export class ActivityLogModule {}
