import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { TaskActivity } from '@mission-control/shared';
import { LimitQueryDto } from '../common/query.dto';
import { ActivitiesService } from './activities.service';
import { CreateActivityDto } from './dto/create-activity.dto';
import { Allow } from '../auth/access.decorators';

@Controller('api/tasks/:taskId/activities')
export class ActivitiesController {
  constructor(private readonly service: ActivitiesService) {}

  @Get()
  list(@Param('taskId') taskId: string, @Query() query: LimitQueryDto): Promise<TaskActivity[]> {
    return this.service.listForTask(taskId, query.limit);
  }

  @Post()
  @Allow('agent', { credit: 'agent_id' })
  create(@Param('taskId') taskId: string, @Body() dto: CreateActivityDto): Promise<TaskActivity> {
    return this.service.create(taskId, dto);
  }
}
