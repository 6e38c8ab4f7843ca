import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { StreamQueryDto } from './dto/stream-query.dto';
import { SseTransport } from './sse.transport';

/** Server-Sent Events at `/api/events/stream`, optionally for one task, resumable with `Last-Event-ID`. */
@Controller('api/events')
export class SseController {
  constructor(private readonly sse: SseTransport) {}

  @Get('stream')
  stream(@Query() query: StreamQueryDto, @Headers('last-event-id') lastEventId: string | undefined, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    return this.sse.open(req, res, query, lastEventId);
  }
}
