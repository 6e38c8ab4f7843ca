import { Injectable } from '@nestjs/common';
import { AgentSession, SessionStatus } from '@mission-control/shared';
import { toAgent } from '../agents/agent.entity';
import { AgentsRepository } from '../agents/agents.repository';
import { now } from '../common/clock';
import { Tx } from '../database/tx';
import { SessionEntity, toSession } from './session.entity';
import { SessionsRepository } from './sessions.repository';

/** Ends sessions, announces it, and lets an agent with no session left go back to standby. */
@Injectable()
export class SessionLifecycle {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly agents: AgentsRepository,
  ) {}

  async end(tx: Tx, session: SessionEntity, status: Exclude<SessionStatus, 'active'>, summary: string | null): Promise<AgentSession> {
    const at = now();
    session.status = status;
    session.summary = summary;
    session.updated_at = at;
    if (status !== 'stale') session.ended_at = at;
    const ended = toSession(await this.sessions.save(tx, session));
    if (ended.session_type === 'subagent' && ended.task_id && status === 'completed') {
      await tx.emit('agent_completed', ended.task_id, { taskId: ended.task_id, sessionId: ended.id, summary: summary ?? '', session: ended });
    } else {
      await tx.emit('session_updated', ended.task_id, ended);
    }
    await this.releaseAgent(tx, ended.agent_id);
    return ended;
  }

  /** Marks the agent `working` while it has an active session. */
  async occupyAgent(tx: Tx, agentId: string): Promise<void> {
    await this.setAgentStatus(tx, agentId, 'working', (status) => status !== 'working');
  }

  private async releaseAgent(tx: Tx, agentId: string): Promise<void> {
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
