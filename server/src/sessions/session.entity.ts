import { AgentSession, SessionStatus, SessionType } from '@mission-control/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoTimestamp, isoTimestampOrNull } from '../common/timestamps';

@Entity('openclaw_sessions')
export class SessionEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') agent_id: string;
  @Column('text') openclaw_session_id: string;
  @Column('text', { nullable: true }) channel: string | null;
  @Column('text') status: SessionStatus;
  @Column('text') session_type: SessionType;
  @Column('text', { nullable: true }) task_id: string | null;
  @Column('text', { nullable: true }) summary: string | null;
  @Column('text', { nullable: true }) last_seen_at: string | null;
  @Column('text', { nullable: true }) ended_at: string | null;
  @Column('text') created_at: string;
  @Column('text') updated_at: string;
}

export const toSession = (e: SessionEntity): AgentSession => ({
  id: e.id,
  agent_id: e.agent_id,
  openclaw_session_id: e.openclaw_session_id,
  channel: e.channel,
  status: e.status,
  session_type: e.session_type,
  task_id: e.task_id,
  summary: e.summary,
  last_seen_at: isoTimestampOrNull(e.last_seen_at),
  ended_at: isoTimestampOrNull(e.ended_at),
  created_at: isoTimestamp(e.created_at),
  updated_at: isoTimestamp(e.updated_at),
});
