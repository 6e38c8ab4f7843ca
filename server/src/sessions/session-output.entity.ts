import { OutputStream, SessionOutputLine } from '@mission-control/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('session_output')
export class SessionOutputEntity {
  @PrimaryColumn('text') session_id: string;
  @PrimaryColumn('integer') seq: number;
  @Column('text', { nullable: true }) task_id: string | null;
  @Column('text') stream: OutputStream;
  @Column('text') text: string;
  @Column('text') created_at: string;
}

export const toOutputLine = (e: SessionOutputEntity): SessionOutputLine => ({
  seq: Number(e.seq),
  stream: e.stream,
  text: e.text,
  created_at: e.created_at,
});
