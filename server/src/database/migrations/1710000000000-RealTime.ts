import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialect } from './dialect';

/**
 * Everything real-time: the activity log, deliverables, sub-agent sessions, task versions and the
 * event outbox. Existing tables are altered in place so a populated database keeps every row.
 */
export class RealTime1710000000000 implements MigrationInterface {
  name = 'RealTime1710000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { nowIso, autoIncrementKey } = dialect(queryRunner);
    await queryRunner.query(`CREATE TABLE task_activities (
      id TEXT PRIMARY KEY,
      task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      agent_id TEXT REFERENCES agents(id) ON DELETE SET NULL,
      activity_type TEXT NOT NULL,
      message TEXT NOT NULL,
      metadata TEXT,
      created_at TEXT NOT NULL DEFAULT ${nowIso}
    )`);
    await queryRunner.query(`CREATE INDEX idx_activities_task ON task_activities(task_id, created_at DESC)`);
    await queryRunner.query(`CREATE TABLE task_deliverables (
      id TEXT PRIMARY KEY,
      task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      deliverable_type TEXT NOT NULL,
      title TEXT NOT NULL,
      path TEXT,
      description TEXT,
      created_at TEXT NOT NULL DEFAULT ${nowIso}
    )`);
    await queryRunner.query(`CREATE INDEX idx_deliverables_task ON task_deliverables(task_id)`);
    await queryRunner.query(`ALTER TABLE openclaw_sessions ADD COLUMN session_type TEXT NOT NULL DEFAULT 'persistent'`);
    await queryRunner.query(`ALTER TABLE openclaw_sessions ADD COLUMN task_id TEXT REFERENCES tasks(id) ON DELETE SET NULL`);
    await queryRunner.query(`ALTER TABLE openclaw_sessions ADD COLUMN ended_at TEXT`);
    await queryRunner.query(`CREATE INDEX idx_sessions_type_status ON openclaw_sessions(session_type, status)`);
    await queryRunner.query(`CREATE INDEX idx_sessions_task ON openclaw_sessions(task_id)`);
    await queryRunner.query(`ALTER TABLE tasks ADD COLUMN version INTEGER NOT NULL DEFAULT 1`);
    await queryRunner.query(`CREATE TABLE domain_events (
      seq ${autoIncrementKey},
      type TEXT NOT NULL,
      task_id TEXT,
      payload TEXT NOT NULL,
      created_at TEXT NOT NULL DEFAULT ${nowIso}
    )`);
    await queryRunner.query(`CREATE INDEX idx_domain_events_task ON domain_events(task_id, seq)`);
    await queryRunner.query(`CREATE INDEX idx_domain_events_created ON domain_events(created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE domain_events`);
    await queryRunner.query(`DROP INDEX idx_sessions_task`);
    await queryRunner.query(`DROP INDEX idx_sessions_type_status`);
    // SQLite ≥ 3.35 and PostgreSQL both drop columns in place.
    await queryRunner.query(`ALTER TABLE tasks DROP COLUMN version`);
    await queryRunner.query(`ALTER TABLE openclaw_sessions DROP COLUMN ended_at`);
    await queryRunner.query(`ALTER TABLE openclaw_sessions DROP COLUMN task_id`);
    await queryRunner.query(`ALTER TABLE openclaw_sessions DROP COLUMN session_type`);
    await queryRunner.query(`DROP TABLE task_deliverables`);
    await queryRunner.query(`DROP TABLE task_activities`);
  }
}
