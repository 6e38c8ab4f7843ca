import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [ActivitiesModule, SessionsModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}
