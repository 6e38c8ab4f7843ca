import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { AgentSession } from '@mission-control/shared';
import { EndOpenclawSessionDto } from './dto/end-openclaw-session.dto';
import { ListSessionsQueryDto } from './dto/list-sessions.query';
import { SessionsService } from './sessions.service';

/**
 * The original Mission Control's agent-facing session calls, kept so its agents work unchanged:
 * they behave exactly as `GET /api/sessions` and `PATCH /api/sessions/:id` (events, counter, 404, 409).
 */
@Controller('api/openclaw/sessions')
export class OpenclawSessionsController {
  constructor(private readonly service: SessionsService) {}

  @Get()
  list(@Query() query: ListSessionsQueryDto): Promise<AgentSession[]> {
    return this.service.list(query);
  }

  @Patch(':openclaw_session_id')
  end(@Param('openclaw_session_id') key: string, @Body() dto: EndOpenclawSessionDto): Promise<AgentSession> {
    return this.service.end(key, dto);
  }
}
