import { Body, Controller, Get, Header, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { TaskDeliverable } from '@mission-control/shared';
import { LimitQueryDto } from '../common/query.dto';
import { DeliverableContentService } from './deliverable-content.service';
import { DeliverablesService } from './deliverables.service';
import { CreateDeliverableDto } from './dto/create-deliverable.dto';

@Controller('api')
export class DeliverablesController {
  constructor(
    private readonly service: DeliverablesService,
    private readonly content: DeliverableContentService,
  ) {}

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

  /** The file itself. Agent-written HTML runs sandboxed (an opaque origin), never as the dashboard. */
  @Get('deliverables/:id/content')
  @Header('Content-Security-Policy', 'sandbox allow-scripts')
  @Header('X-Content-Type-Options', 'nosniff')
  openContent(@Param('id') id: string): Promise<StreamableFile> {
    return this.content.open(id);
  }
}
