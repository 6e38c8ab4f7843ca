import { DeliverableType, TaskDeliverable } from '@mission-control/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoTimestamp } from '../common/timestamps';

@Entity('task_deliverables')
export class DeliverableEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') task_id: string;
  @Column('text') deliverable_type: DeliverableType;
  @Column('text') title: string;
  @Column('text', { nullable: true }) path: string | null;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text') created_at: string;
}

export const toDeliverable = (e: DeliverableEntity): TaskDeliverable => ({
  id: e.id,
  task_id: e.task_id,
  deliverable_type: e.deliverable_type,
  title: e.title,
  path: e.path,
  description: e.description,
  created_at: isoTimestamp(e.created_at),
});
