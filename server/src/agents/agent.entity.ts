import { Agent, AgentStatus, CreateAgentBody } from '@mission-control/shared';
import { now } from '../common/clock';
import { newId } from '../common/ids';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoTimestamp } from '../common/timestamps';

@Entity('agents')
export class AgentEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) role: string | null;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text') avatar_emoji: string;
  @Column('text') status: AgentStatus;
  @Column('boolean') is_master: boolean;
  @Column('text') created_at: string;
  @Column('text') updated_at: string;
}

export const toAgent = (e: AgentEntity): Agent => ({
  id: e.id,
  name: e.name,
  role: e.role,
  description: e.description,
  avatar_emoji: e.avatar_emoji,
  status: e.status,
  is_master: Boolean(e.is_master),
  created_at: isoTimestamp(e.created_at),
  updated_at: isoTimestamp(e.updated_at),
});

/** A new agent row with the defaults every creator shares (🤖, standby, not master). */
export function newAgentEntity(body: CreateAgentBody): AgentEntity {
  const at = now();
  return Object.assign(new AgentEntity(), {
    id: newId(),
    name: body.name,
    role: body.role ?? null,
    description: body.description ?? null,
    avatar_emoji: body.avatar_emoji ?? '🤖',
    status: body.status ?? 'standby',
    is_master: body.is_master ?? false,
    created_at: at,
    updated_at: at,
  } satisfies AgentEntity);
}
