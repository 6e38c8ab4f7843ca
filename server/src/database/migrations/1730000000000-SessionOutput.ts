import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialect } from './dialect';

/**
 * What sub-agents print: numbered per session from 1, gone with their session. `task_id` is copied from the
 * session so a task's output can be found without a join; output of a deleted task goes with it, like its
 * activity log.
 */
export class SessionOutput1730000000000 implements MigrationInterface {
  name = 'SessionOutput1730000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { nowIso } = dialect(queryRunner);
    await queryRunner.query(`CREATE TABLE session_output (
      session_id TEXT NOT NULL REFERENCES openclaw_sessions(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      task_id TEXT REFERENCES tasks(id) ON DELETE CASCADE,
      stream TEXT NOT NULL DEFAULT 'stdout',
      text TEXT NOT NULL,
      created_at TEXT NOT NULL DEFAULT ${nowIso},
      PRIMARY KEY (session_id, seq)
    )`);
    await queryRunner.query(`CREATE INDEX idx_session_output_task ON session_output(task_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE session_output`);
  }
}
