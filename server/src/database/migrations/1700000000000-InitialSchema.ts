import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialect } from './dialect';

/** The schema Mission Control had before real-time: agents, tasks and persistent sessions. */
export class InitialSchema1700000000000 implements MigrationInterface {
  name = 'InitialSchema1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { falseValue, nowIso } = dialect(queryRunner);
    await queryRunner.query(`CREATE TABLE agents (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT,
      description TEXT,
      avatar_emoji TEXT NOT NULL DEFAULT '🤖',
      status TEXT NOT NULL DEFAULT 'standby',
      is_master BOOLEAN NOT NULL DEFAULT ${falseValue},
      created_at TEXT NOT NULL DEFAULT ${nowIso},
      updated_at TEXT NOT NULL DEFAULT ${nowIso}
    )`);
    await queryRunner.query(`CREATE TABLE tasks (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      description TEXT,
      status TEXT NOT NULL DEFAULT 'inbox',
      priority TEXT NOT NULL DEFAULT 'normal',
      assigned_agent_id TEXT REFERENCES agents(id) ON DELETE SET NULL,
      created_by_agent_id TEXT REFERENCES agents(id) ON DELETE SET NULL,
      due_date TEXT,
      created_at TEXT NOT NULL DEFAULT ${nowIso},
      updated_at TEXT NOT NULL DEFAULT ${nowIso}
    )`);
    await queryRunner.query(`CREATE INDEX idx_tasks_status ON tasks(status)`);
    await queryRunner.query(`CREATE TABLE openclaw_sessions (
      id TEXT PRIMARY KEY,
      agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      openclaw_session_id TEXT NOT NULL,
      channel TEXT,
      status TEXT NOT NULL DEFAULT 'active',
      summary TEXT,
      last_seen_at TEXT,
      created_at TEXT NOT NULL DEFAULT ${nowIso},
      updated_at TEXT NOT NULL DEFAULT ${nowIso}
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE openclaw_sessions`);
    await queryRunner.query(`DROP TABLE tasks`);
    await queryRunner.query(`DROP TABLE agents`);
  }
}
