import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { DeliverableLink, TaskDeliverable } from '@mission-control/shared';
import { Allow, SignedLink } from '../auth/access.decorators';
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
  @Allow('agent')
  create(@Param('taskId') taskId: string, @Body() dto: CreateDeliverableDto): Promise<TaskDeliverable> {
    return this.service.create(taskId, dto);
  }

  @Get('deliverables/:id')
  get(@Param('id') id: string): Promise<TaskDeliverable> {
    return this.service.get(id);
  }

  /** A link to the content that needs no token, signed for this deliverable, valid 5 minutes: what a browser opens. */
  @Post('deliverables/:id/link')
  @HttpCode(200)
  @Allow(['agent', 'viewer'])
  link(@Param('id') id: string): Promise<DeliverableLink> {
    return this.content.link(id);
  }

  /**
   * The file itself, with a token or a signed link (never `?token=`). Agent-written HTML runs sandboxed
   * (an opaque origin, no storage, no cookies), never as the dashboard.
   */
  @Get('deliverables/:id/content')
  @SignedLink('id')
  @Header('Content-Security-Policy', 'sandbox allow-scripts')
  @Header('X-Content-Type-Options', 'nosniff')
  openContent(@Param('id') id: string): Promise<StreamableFile> {
    return this.content.open(id);
  }
}
