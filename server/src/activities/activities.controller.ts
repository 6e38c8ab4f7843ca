import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import { TaskActivity } from '@mission-control/shared';
import { LimitQueryDto } from '../common/query.dto';
import { ActivitiesService } from './activities.service';
import { ActivityBodyPipe, CreateActivityDto } from './dto/create-activity.dto';
import { Allow } from '../auth/access.decorators';

@Controller('api/tasks/:taskId/activities')
@ApiExtraModels(CreateActivityDto)
export class ActivitiesController {
  constructor(private readonly service: ActivitiesService) {}

  @Get()
  list(@Param('taskId') taskId: string, @Query() query: LimitQueryDto): Promise<TaskActivity[]> {
    return this.service.listForTask(taskId, query.limit);
  }

  /** One activity → that activity; an array of 1–1000 → the logged activities, in order. */
  @Post()
  @Allow('agent', { credit: 'agent_id' })
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CreateActivityDto) },
        { type: 'array', items: { $ref: getSchemaPath(CreateActivityDto) }, minItems: 1, maxItems: 1000 },
      ],
    },
  })
  create(@Param('taskId') taskId: string, @Body(ActivityBodyPipe) body: CreateActivityDto | CreateActivityDto[]): Promise<TaskActivity | TaskActivity[]> {
    return Array.isArray(body) ? this.service.createMany(taskId, body) : this.service.create(taskId, body);
  }
}
