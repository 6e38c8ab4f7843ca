import { Task, TaskPriority, TaskStatus } from '@mission-control/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoTimestamp, isoTimestampOrNull } from '../common/timestamps';

@Entity('tasks')
export class TaskEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') title: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text') status: TaskStatus;
  @Column('text') priority: TaskPriority;
  @Column('text', { nullable: true }) assigned_agent_id: string | null;
  @Column('text', { nullable: true }) created_by_agent_id: string | null;
  @Column('text', { nullable: true }) due_date: string | null;
  @Column('text') created_at: string;
  @Column('text') updated_at: string;
  @Column('integer') version: number;
}

export const toTask = (e: TaskEntity): Task => ({
  id: e.id,
  title: e.title,
  description: e.description,
  status: e.status,
  priority: e.priority,
  assigned_agent_id: e.assigned_agent_id,
  created_by_agent_id: e.created_by_agent_id,
  due_date: isoTimestampOrNull(e.due_date),
  created_at: isoTimestamp(e.created_at),
  updated_at: isoTimestamp(e.updated_at),
  version: Number(e.version),
});
