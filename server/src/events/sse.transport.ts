import { BadRequestException, BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { MissionEvent } from '@mission-control/shared';
import { Request, Response } from 'express';
import { principalOf } from '../auth/principal';
import { StreamAccess } from '../auth/stream-access';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { StreamQueryDto } from './dto/stream-query.dto';
import { EventStreams } from './event-streams';

/** A client that stops reading is cut off past this much unsent data; it resumes with Last-Event-ID. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

export const sseFrame = (event: MissionEvent): string => `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

@Injectable()
export class SseTransport implements BeforeApplicationShutdown {
  private readonly responses = new Set<Response>();

  constructor(
    private readonly streams: EventStreams,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: StreamAccess,
  ) {}

  get openCount(): number {
    return this.responses.size;
  }

  async open(req: Request, res: Response, query: StreamQueryDto, lastEventId: string | undefined): Promise<void> {
    let since = resumePoint(lastEventId, query.since);
    // A resume point this outbox cannot replay from (another database, pruned events): say so, then go live.
    const replayable = since === undefined ? null : await this.streams.canReplayFrom(since);
    if (replayable && !replayable.ok) since = undefined;

    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 2000\n\n');
    if (replayable && !replayable.ok) res.write(`event: reset\ndata: ${JSON.stringify({ lastSeq: replayable.latest })}\n\n`);
    this.responses.add(res);

    const stream = this.streams.openStream({
      since,
      taskId: query.task_id,
      deliver: (event) => {
        res.write(sseFrame(event));
        if (res.writableLength > MAX_PENDING_BYTES) res.end();
      },
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), this.config.sseKeepAliveMs);
    const unwatch = this.access.watch(principalOf(req), () => res.end()); // its token revoked
    res.on('close', () => {
      unwatch();
      clearInterval(keepAlive);
      stream.close();
      this.responses.delete(res);
    });
    try {
      await stream.ready;
    } catch {
      res.end();
    }
  }

  /** Ends every open stream so the HTTP server can close; clients reconnect and resume elsewhere. */
  beforeApplicationShutdown(): void {
    for (const res of this.responses) res.end();
  }
}

function resumePoint(lastEventId: string | undefined, since: number | undefined): number | undefined {
  if (lastEventId === undefined || lastEventId === '') return since;
  const seq = Number(lastEventId);
  if (!Number.isInteger(seq) || seq < 0) throw new BadRequestException('Last-Event-ID must be an event sequence number');
  return seq;
}
