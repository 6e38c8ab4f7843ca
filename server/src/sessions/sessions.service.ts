import { Injectable } from '@nestjs/common';
import { AgentSession, LIMITS } from '@mission-control/shared';
import { AUTO_LOGGED, ActivityLog } from '../activities/activity-log';
import { AgentEntity, newAgentEntity, toAgent } from '../agents/agent.entity';
import { AgentsRepository } from '../agents/agents.repository';
import { now } from '../common/clock';
import { isoTimestamp } from '../common/timestamps';
import { newId } from '../common/ids';
import { notFound } from '../common/references';
import { Tx } from '../database/tx';
import { UnitOfWork } from '../database/unit-of-work';
import { ActivitiesRepository } from '../activities/activities.repository';
import { TasksRepository } from '../tasks/tasks.repository';
import { ListSessionsQueryDto } from './dto/list-sessions.query';
import { RegisterSubagentDto } from './dto/register-subagent.dto';
import { UpdateSessionDto } from './dto/update-session.dto';
import { SessionEntity, toSession } from './session.entity';
import { SessionLifecycle } from './session-lifecycle';
import { SessionsRepository } from './sessions.repository';

@Injectable()
export class SessionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionsRepository,
    private readonly tasks: TasksRepository,
    private readonly agents: AgentsRepository,
    private readonly activities: ActivitiesRepository,
    private readonly log: ActivityLog,
    private readonly lifecycle: SessionLifecycle,
  ) {}

  async list(query: ListSessionsQueryDto): Promise<AgentSession[]> {
    return (await this.sessions.list({ ...query, limit: query.limit ?? LIMITS.listDefault })).map(toSession);
  }

  async listForTask(taskId: string): Promise<AgentSession[]> {
    if (!(await this.tasks.exists(taskId))) throw notFound('Task', taskId);
    return this.list({ task_id: taskId, session_type: 'subagent' });
  }

  /**
   * Registers a sub-agent on a task: finds or creates its agent by name, opens an active `subagent`
   * session and logs the spawn unless the caller already did. Registering the same session key on the
   * same task again returns the existing session and writes nothing.
   */
  registerSubagent(taskId: string, dto: RegisterSubagentDto): Promise<{ session: AgentSession; created: boolean }> {
    return this.uow.run(async (tx) => {
      if (!(await this.tasks.exists(taskId, tx))) throw notFound('Task', taskId);
      const existing = await this.sessions.findByIdOrKey(dto.openclaw_session_id, tx);
      if (existing && existing.openclaw_session_id === dto.openclaw_session_id && existing.task_id === taskId) {
        return { session: toSession(existing), created: false };
      }
      const agent = await this.findOrCreateAgent(tx, dto.agent_name);
      const at = now();
      const entity = Object.assign(new SessionEntity(), {
        id: newId(),
        agent_id: agent.id,
        openclaw_session_id: dto.openclaw_session_id,
        channel: dto.channel ?? null,
        status: 'active',
        session_type: 'subagent',
        task_id: taskId,
        summary: null,
        last_seen_at: at,
        ended_at: null,
        created_at: at,
        updated_at: at,
      } satisfies SessionEntity);
      const session = toSession(await this.sessions.insert(tx, entity));
      await tx.emit('agent_spawned', taskId, { taskId, sessionId: session.id, agentName: agent.name, session });
      await this.lifecycle.occupyAgent(tx, agent.id);
      if (!(await this.activities.findSpawnedFor(tx, taskId, dto.openclaw_session_id))) {
        await this.log.record(tx, {
          task_id: taskId,
          agent_id: agent.id,
          activity_type: 'spawned',
          message: dto.message ?? `Spawned ${agent.name} for task execution`,
          metadata: { session_id: dto.openclaw_session_id, agent_name: agent.name, [AUTO_LOGGED]: dto.message === undefined },
        });
      }
      return { session, created: true };
    });
  }

  /** Ends a session by our id or by its `openclaw_session_id` (at `ended_at` when the original's call says when). */
  end(idOrKey: string, dto: UpdateSessionDto & { ended_at?: string }): Promise<AgentSession> {
    return this.uow.run(async (tx) => {
      const session = await this.lifecycle.findOpen(tx, idOrKey);
      return this.lifecycle.end(tx, session, dto.status, dto.summary ?? null, dto.ended_at && isoTimestamp(dto.ended_at));
    });
  }

  private async findOrCreateAgent(tx: Tx, name: string): Promise<AgentEntity> {
    const found = await this.agents.findByName(name, tx);
    if (found) return found;
    const agent = await this.agents.insert(tx, newAgentEntity({ name, role: 'Sub-Agent' }));
    await tx.emit('agent_created', null, toAgent(agent));
    return agent;
  }
}
