import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { AppendOutputResult, OUTPUT_LIMITS, OutputStream, SessionOutputLine } from '@mission-control/shared';
import { now } from '../common/clock';
import { notFound } from '../common/references';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { AppendOutputDto } from './dto/append-output.dto';
import { ReadOutputQueryDto } from './dto/read-output.query';
import { SessionLifecycle } from './session-lifecycle';
import { SessionLivenessService } from './session-liveness.service';
import { SessionOutputEntity, toOutputLine } from './session-output.entity';
import { OutputRange, SessionOutputRepository } from './session-output.repository';
import { SessionPulse } from './session-pulse';
import { SessionsRepository } from './sessions.repository';

export const outputCapMarker = (cap: number): string =>
  `[Mission Control] Output limit of ${cap} lines reached: further output of this session is not kept (MC_OUTPUT_MAX_LINES).`;

/**
 * What a session's sub-agent prints: appended in batches, numbered per session from 1, announced as one
 * `session_output` event per append. Past `MC_OUTPUT_MAX_LINES` lines are dropped and one marker line says so.
 */
@Injectable()
export class SessionOutputService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly output: SessionOutputRepository,
    private readonly sessions: SessionsRepository,
    private readonly lifecycle: SessionLifecycle,
    private readonly liveness: SessionLivenessService,
    private readonly pulse: SessionPulse,
  ) {}

  /** Appends to an open session (our id or its `openclaw_session_id`); counts as a heartbeat. */
  append(idOrKey: string, dto: AppendOutputDto): Promise<AppendOutputResult> {
    if (dto.streams !== undefined && dto.stream !== undefined) throw new BadRequestException('Give stream or streams, not both');
    if (dto.streams !== undefined && dto.streams.length !== dto.lines.length) {
      throw new BadRequestException(`streams must name one stream per line: ${dto.lines.length} lines, ${dto.streams.length} streams`);
    }
    return this.uow.run(async (tx) => {
      const session = await this.lifecycle.findOpen(tx, idOrKey);
      if (session.status === 'stale') await this.liveness.revive(tx, session);
      else await this.pulse.touch(tx, session.id);

      const cap = this.config.outputMaxLines;
      const last = await this.output.lastSeq(session.id, tx);
      if (last > cap) return { from: null, to: null, dropped: dto.lines.length }; // the marker is already there
      const kept = dto.lines.slice(0, cap - last);
      const dropped = dto.lines.length - kept.length;
      const texts = dropped > 0 ? [...kept, outputCapMarker(cap)] : kept;
      const stream = dto.stream ?? dto.streams?.[0] ?? 'stdout';
      const streams: OutputStream[] = texts.map((_, i) => (i >= kept.length ? 'log' : (dto.streams?.[i] ?? stream)));
      const at = now();
      const rows = texts.map((text, i) =>
        Object.assign(new SessionOutputEntity(), {
          session_id: session.id,
          seq: last + 1 + i,
          task_id: session.task_id,
          stream: streams[i],
          text,
          created_at: at,
        }),
      );
      await this.output.insert(tx, rows);
      const from = last + 1;
      const to = last + rows.length;
      await tx.emit('session_output', session.task_id, {
        sessionId: session.id,
        taskId: session.task_id,
        stream,
        from,
        to,
        lines: texts,
        ...(streams.slice(0, kept.length).some((s) => s !== stream) ? { streams } : {}),
        ...(dropped > 0 ? { truncated: true } : {}),
      });
      return { from, to, dropped };
    });
  }

  async read(idOrKey: string, query: ReadOutputQueryDto): Promise<SessionOutputLine[]> {
    const ways = [query.after !== undefined, query.before !== undefined, query.tail === true].filter(Boolean).length;
    if (ways > 1) throw new BadRequestException('Give at most one of after, before and tail');
    const session = await this.sessions.findByIdOrKey(idOrKey);
    if (!session) throw notFound('Session', idOrKey);
    const limit = query.limit ?? OUTPUT_LIMITS.pageDefault;
    const range: OutputRange = query.tail
      ? { tail: limit }
      : query.before !== undefined
        ? { before: query.before, limit }
        : { after: query.after ?? 0, limit };
    return (await this.output.page(session.id, range)).map(toOutputLine);
  }
}
