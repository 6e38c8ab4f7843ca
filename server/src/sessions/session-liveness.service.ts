import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AgentSession, LIMITS } from '@mission-control/shared';
import { ActivityLog } from '../activities/activity-log';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Tx } from '../database/tx';
import { UnitOfWork } from '../database/unit-of-work';
import { SessionEntity, toSession } from './session.entity';
import { SessionLifecycle } from './session-lifecycle';
import { SessionPulse } from './session-pulse';
import { SessionsRepository } from './sessions.repository';

/**
 * Sub-agent liveness: heartbeats keep a session active; a background sweep turns an active sub-agent
 * session silent past `SESSION_STALE_AFTER_MS` into `stale` (with an activity and an event), and a
 * heartbeat brings a stale session back. The sweep stops with the application.
 */
@Injectable()
export class SessionLivenessService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SessionLiveness');
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionsRepository,
    private readonly lifecycle: SessionLifecycle,
    private readonly pulse: SessionPulse,
    private readonly log: ActivityLog,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.min(Math.max(Math.floor(this.config.sessionStaleAfterMs / 4), 25), 15_000);
    this.timer = setInterval(() => {
      this.sweeping = this.sweeping.then(() => this.sweepSafely());
    }, every);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  /** A sign of life from a session (our id or its `openclaw_session_id`); a stale session becomes active again. */
  heartbeat(idOrKey: string): Promise<AgentSession> {
    return this.uow.run(async (tx) => {
      const session = await this.lifecycle.findOpen(tx, idOrKey);
      if (session.status === 'stale') return this.revive(tx, session);
      return toSession((await this.pulse.touch(tx, session.id)) ?? session);
    });
  }

  /** Turns every active sub-agent session silent past the deadline into `stale`; returns them. */
  async sweep(at = Date.now()): Promise<AgentSession[]> {
    const cutoff = new Date(at - this.config.sessionStaleAfterMs).toISOString();
    const silent = (session: SessionEntity) => session.status === 'active' && (session.last_seen_at ?? session.created_at) < cutoff;
    const candidates = (await this.sessions.list({ status: 'active', session_type: 'subagent', limit: LIMITS.listMax })).filter(silent);
    if (candidates.length === 0) return [];
    return this.uow.run(async (tx) => {
      const ended: AgentSession[] = [];
      for (const candidate of candidates) {
        const session = await this.sessions.findById(candidate.id, tx);
        if (!session || !silent(session)) continue;
        const seconds = Math.round((at - Date.parse(session.last_seen_at ?? session.created_at)) / 1000);
        const reason = `No heartbeat or activity for ${seconds} seconds (deadline ${Math.round(this.config.sessionStaleAfterMs / 1000)} s)`;
        ended.push(await this.lifecycle.end(tx, session, 'stale', reason));
        if (session.task_id) {
          await this.log.record(tx, {
            task_id: session.task_id,
            agent_id: session.agent_id,
            activity_type: 'updated',
            message: `Sub-agent session went stale: ${reason}`,
            metadata: { session_id: session.openclaw_session_id, status: 'stale' },
          });
        }
      }
      return ended;
    });
  }

  /** Brings a stale session back (any sign of life: a heartbeat, output) and logs it on its task. */
  async revive(tx: Tx, session: SessionEntity): Promise<AgentSession> {
    const revived = await this.lifecycle.reactivate(tx, session);
    if (revived.task_id) {
      await this.log.record(tx, {
        task_id: revived.task_id,
        agent_id: revived.agent_id,
        activity_type: 'updated',
        message: 'Sub-agent session is alive again (heartbeat after going stale)',
        metadata: { session_id: revived.openclaw_session_id, status: 'active' },
      });
    }
    return revived;
  }

  private async sweepSafely(): Promise<void> {
    try {
      await this.sweep();
    } catch (error) {
      this.logger.error(`Session liveness sweep failed: ${(error as Error).message}`);
    }
  }
}
