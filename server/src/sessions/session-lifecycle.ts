import { ConflictException, Injectable } from '@nestjs/common';
import { AgentSession, SessionStatus } from '@mission-control/shared';
import { toAgent } from '../agents/agent.entity';
import { AgentsRepository } from '../agents/agents.repository';
import { now } from '../common/clock';
import { notFound } from '../common/references';
import { Tx } from '../database/tx';
import { SessionEntity, toSession } from './session.entity';
import { SessionsRepository } from './sessions.repository';

/**
 * Every change of a session's status: ending it (completed, failed, stale), bringing a stale one back,
 * and the agent's status that follows (working while it has an active session, else standby).
 */
@Injectable()
export class SessionLifecycle {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly agents: AgentsRepository,
  ) {}

  /** By our id or its `openclaw_session_id`, still open (active or stale): 404 if unknown, 409 if it ended. */
  async findOpen(tx: Tx, idOrKey: string): Promise<SessionEntity> {
    const session = await this.sessions.findByIdOrKey(idOrKey, tx);
    if (!session) throw notFound('Session', idOrKey);
    if (session.status === 'completed' || session.status === 'failed') {
      throw new ConflictException(`Session "${idOrKey}" already ended as ${session.status} at ${session.ended_at}`);
    }
    return session;
  }

  async end(tx: Tx, session: SessionEntity, status: Exclude<SessionStatus, 'active'>, summary: string | null, endedAt?: string): Promise<AgentSession> {
    const at = now();
    session.status = status;
    session.summary = summary;
    session.updated_at = at;
    if (status !== 'stale') session.ended_at = endedAt || at;
    const ended = toSession(await this.sessions.save(tx, session));
    if (ended.session_type === 'subagent' && ended.task_id && status === 'completed') {
      await tx.emit('agent_completed', ended.task_id, { taskId: ended.task_id, sessionId: ended.id, summary: summary ?? '', session: ended });
    } else {
      await tx.emit('session_updated', ended.task_id, ended);
    }
    await this.releaseAgent(tx, ended.agent_id);
    return ended;
  }

  /** A stale session that was heard from again. */
  async reactivate(tx: Tx, session: SessionEntity): Promise<AgentSession> {
    const at = now();
    session.status = 'active';
    session.summary = null;
    session.last_seen_at = at;
    session.updated_at = at;
    const revived = toSession(await this.sessions.save(tx, session));
    await tx.emit('session_updated', revived.task_id, revived);
    await this.occupyAgent(tx, revived.agent_id);
    return revived;
  }

  /** Marks the agent `working` while it has an active session. */
  async occupyAgent(tx: Tx, agentId: string): Promise<void> {
    await this.setAgentStatus(tx, agentId, 'working', (status) => status !== 'working');
  }

  private async releaseAgent(tx: Tx, agentId: string): Promise<void> {
    // A session of the original Mission Control's database may belong to no agent.
    if (!agentId) return;
    if ((await this.sessions.countActiveForAgent(tx, agentId)) > 0) return;
    await this.setAgentStatus(tx, agentId, 'standby', (status) => status === 'working');
  }

  private async setAgentStatus(tx: Tx, agentId: string, status: 'working' | 'standby', when: (current: string) => boolean): Promise<void> {
    const agent = await this.agents.findById(agentId, tx);
    if (!agent || !when(agent.status)) return;
    agent.status = status;
    agent.updated_at = now();
    await tx.emit('agent_updated', null, toAgent(await this.agents.save(tx, agent)));
  }
}
