import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { AppendOutputResult, SessionOutputLine } from '@mission-control/shared';
import { AppendOutputDto } from './dto/append-output.dto';
import { ReadOutputQueryDto } from './dto/read-output.query';
import { SessionOutputService } from './session-output.service';

/** A session's output; `:id` is our id or its `openclaw_session_id`. */
@Controller('api/sessions/:id/output')
export class SessionOutputController {
  constructor(private readonly service: SessionOutputService) {}

  @Post()
  append(@Param('id') id: string, @Body() dto: AppendOutputDto): Promise<AppendOutputResult> {
    return this.service.append(id, dto);
  }

  @Get()
  read(@Param('id') id: string, @Query() query: ReadOutputQueryDto): Promise<SessionOutputLine[]> {
    return this.service.read(id, query);
  }
}
