import { ActivityType, TaskActivity } from '@mission-control/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonObject } from '../database/json-column';
import { isoTimestamp } from '../common/timestamps';

@Entity('task_activities')
export class ActivityEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') task_id: string;
  @Column('text', { nullable: true }) agent_id: string | null;
  @Column('text') activity_type: ActivityType;
  @Column('text') message: string;
  @Column('text', { nullable: true, transformer: jsonObject }) metadata: Record<string, unknown> | null;
  @Column('text') created_at: string;
}

export const toActivity = (e: ActivityEntity): TaskActivity => ({
  id: e.id,
  task_id: e.task_id,
  agent_id: e.agent_id,
  activity_type: e.activity_type,
  message: e.message,
  metadata: e.metadata,
  created_at: isoTimestamp(e.created_at),
});
