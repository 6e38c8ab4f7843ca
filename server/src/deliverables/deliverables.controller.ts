import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { TaskDeliverable } from '@mission-control/shared';
import { LimitQueryDto } from '../common/query.dto';
import { DeliverablesService } from './deliverables.service';
import { CreateDeliverableDto } from './dto/create-deliverable.dto';

@Controller('api')
export class DeliverablesController {
  constructor(private readonly service: DeliverablesService) {}

  @Get('tasks/:taskId/deliverables')
  list(@Param('taskId') taskId: string, @Query() query: LimitQueryDto): Promise<TaskDeliverable[]> {
    return this.service.listForTask(taskId, query.limit);
  }

  @Post('tasks/:taskId/deliverables')
  create(@Param('taskId') taskId: string, @Body() dto: CreateDeliverableDto): Promise<TaskDeliverable> {
    return this.service.create(taskId, dto);
  }

  @Get('deliverables/:id')
  get(@Param('id') id: string): Promise<TaskDeliverable> {
    return this.service.get(id);
  }
}
