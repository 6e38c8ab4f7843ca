import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { AgentSession } from '@mission-control/shared';
import { FastifyReply } from 'fastify';
import { ListSessionsQueryDto } from './dto/list-sessions.query';
import { RegisterSubagentDto } from './dto/register-subagent.dto';
import { UpdateSessionDto } from './dto/update-session.dto';
import { SessionLivenessService } from './session-liveness.service';
import { SessionsService } from './sessions.service';
import { Allow } from '../auth/access.decorators';

@Controller('api')
export class SessionsController {
  constructor(
    private readonly service: SessionsService,
    private readonly liveness: SessionLivenessService,
  ) {}

  @Get('tasks/:taskId/subagent')
  listForTask(@Param('taskId') taskId: string): Promise<AgentSession[]> {
    return this.service.listForTask(taskId);
  }

  /** 201 with the new session, or 200 with the one already registered under that key. */
  @Post('tasks/:taskId/subagent')
  @Allow('agent')
  async register(
    @Param('taskId') taskId: string,
    @Body() dto: RegisterSubagentDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<AgentSession> {
    const { session, created } = await this.service.registerSubagent(taskId, dto);
    res.status(created ? 201 : 200);
    return session;
  }

  @Get('sessions')
  list(@Query() query: ListSessionsQueryDto): Promise<AgentSession[]> {
    return this.service.list(query);
  }

  @Patch('sessions/:id')
  @Allow('agent')
  end(@Param('id') id: string, @Body() dto: UpdateSessionDto): Promise<AgentSession> {
    return this.service.end(id, dto);
  }

  /** A sub-agent is alive (by our id or its `openclaw_session_id`); a stale session becomes active again. */
  @Post('sessions/:id/heartbeat')
  @Allow('agent')
  @HttpCode(200)
  heartbeat(@Param('id') id: string): Promise<AgentSession> {
    return this.liveness.heartbeat(id);
  }
}
