import { BadRequestException, BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { MissionEvent } from '@mission-control/shared';
import { FastifyReply, FastifyRequest } from 'fastify';
import { EventEmitter } from 'node:events';
import { ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { errorBody } from '../common/error-body';
import { takeOver } from '../common/raw-response';
import { principalOf } from '../auth/principal';
import { StreamAccess } from '../auth/stream-access';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BoundedConnection } from './connection-buffer';
import { StreamQueryDto } from './dto/stream-query.dto';
import { EventStream, EventStreams } from './event-streams';
import { sseFrame } from './frame-cache';
import { parseSeq } from './seq';

export { sseFrame } from './frame-cache';

const KEEP_ALIVE = Buffer.from(': keep-alive\n\n');

/**
 * One SSE response. Its headers go out without chunked transfer coding (the stream ends when the
 * connection does, as HTTP/1.1 allows), so each frame is written to the socket as it is: one write of
 * the shared bytes per event, with no per-connection framing. Past the bound the socket is destroyed:
 * the unsent data is dropped and the client resumes with `Last-Event-ID`.
 */
class SseConnection extends BoundedConnection {
  constructor(
    private readonly res: ServerResponse,
    private readonly socket: Socket,
    limitBytes: number,
  ) {
    super(limitBytes);
    res.on('close', () => this.markClosed());
  }

  unsent(): number {
    return this.socket.writableLength;
  }

  /** A frame that is not an event (retry, reset, keep-alive, error); `false` when the connection is closed or full. */
  writeRaw(chunk: Buffer | string): boolean {
    if (this.closed || this.socket.destroyed) return false;
    this.written += chunk.length;
    this.socket.write(chunk);
    return this.afterWrite();
  }

  /** Says why the stream stops, in the one error shape, and ends it. */
  fail(statusCode: number, message: string): void {
    if (this.closed) return;
    this.writeRaw(`event: error\ndata: ${JSON.stringify(errorBody(statusCode, message))}\n\n`);
    this.end();
  }

  /** Ends the stream; one that still holds unsent data is closed at once, so a stalled reader cannot hold up a shutdown. */
  end(): void {
    if (this.closed) return;
    this.markClosed();
    if (this.unsent() > 0) this.socket.destroy();
    else this.res.end();
  }

  protected send(event: MissionEvent): void {
    if (this.socket.destroyed) return;
    const frame = sseFrame(event);
    this.written += frame.length;
    this.socket.write(frame);
  }

  protected terminate(): void {
    this.socket.destroy();
  }

  protected drainSources(): EventEmitter[] {
    return [this.socket];
  }
}

@Injectable()
export class SseTransport implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(SseTransport.name);
  private readonly connections = new Set<SseConnection>();
  private ticker: NodeJS.Timeout | null = null;

  constructor(
    private readonly streams: EventStreams,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: StreamAccess,
  ) {}

  get openCount(): number {
    return this.connections.size;
  }

  /** One timer for every stream: keep-alives, and cutting those that read nothing of what they hold. */
  onModuleInit(): void {
    this.ticker = setInterval(() => {
      for (const connection of this.connections) {
        connection.checkStalled();
        connection.writeRaw(KEEP_ALIVE);
      }
    }, this.config.sseKeepAliveMs);
    this.ticker.unref();
  }

  // Authentication is the global HTTP guard's (`Authorization: Bearer` or `?token=`), before this runs; a revoked token ends the stream.
  async open(req: FastifyRequest, reply: FastifyReply, query: StreamQueryDto, lastEventId: string | undefined): Promise<void> {
    let start: { since: number | undefined; resetTo: number | null };
    try {
      start = await this.streams.startingPoint(resumePoint(lastEventId, query.since));
    } catch (error) {
      this.logger.error(`Opening an event stream failed: ${(error as Error).message}`);
      throw new ServiceUnavailableException('The event store cannot be read right now; retry shortly');
    }
    const res = reply.raw;
    const socket = res.socket;
    if (req.raw.destroyed || res.destroyed || !socket || socket.destroyed) return;

    takeOver(reply);
    // No chunked coding: frames go straight to the socket (see SseConnection); Node answers `Connection: close`.
    res.useChunkedEncodingByDefault = false;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const connection = new SseConnection(res, socket, this.config.clientBufferBytes);
    res.on('error', (error) => this.logger.warn(`SSE response error: ${error.message}`));
    socket.on('error', (error) => this.logger.warn(`SSE socket error: ${error.message}`));
    this.connections.add(connection);
    const unwatch = this.access.watch(principalOf(req), () => connection.end());
    let stream: EventStream | null = null;
    connection.onClosed(() => {
      unwatch();
      stream?.close();
      this.connections.delete(connection);
    });
    connection.writeRaw('retry: 2000\n\n');
    if (start.resetTo !== null) connection.writeRaw(`event: reset\ndata: ${JSON.stringify({ lastSeq: start.resetTo })}\n\n`);
    if (connection.closed) return;

    stream = this.streams.openStream({ sink: connection, since: start.since, taskId: query.task_id });
    stream.ready.catch((error: Error) => {
      this.logger.error(`Replay for an SSE stream failed: ${error.message}`);
      connection.fail(503, 'The event store cannot be read right now; reconnect to resume');
    });
  }

  /** Ends every open stream so the HTTP server can close; clients reconnect and resume elsewhere. */
  beforeApplicationShutdown(): void {
    if (this.ticker) clearInterval(this.ticker);
    for (const connection of this.connections) connection.end();
  }
}

function resumePoint(lastEventId: string | undefined, since: number | undefined): number | undefined {
  const seq = parseSeq(lastEventId);
  if (seq === null) throw new BadRequestException('Last-Event-ID must be an event sequence number');
  return seq ?? since;
}
