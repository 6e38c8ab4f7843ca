import { EventType, MissionEvent } from '@mission-control/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { jsonObject } from '../database/json-column';

/** The outbox: one row per change, written in the change's own transaction. */
@Entity('domain_events')
export class DomainEventEntity {
  @PrimaryGeneratedColumn('increment') seq: number;
  @Column('text') type: EventType;
  @Column('text', { nullable: true }) task_id: string | null;
  @Column('text', { transformer: jsonObject }) payload: Record<string, unknown>;
  @Column('text') created_at: string;
}

export const toMissionEvent = (e: DomainEventEntity): MissionEvent =>
  ({ seq: Number(e.seq), type: e.type, task_id: e.task_id, at: e.created_at, payload: e.payload }) as MissionEvent;
