import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-agent and viewer API tokens: the role, the agent a token acts for, and the SHA-256 of its secret.
 * Deleting an agent deletes its tokens (they could act for nobody).
 */
export class ApiTokens1740000000000 implements MigrationInterface {
  name = 'ApiTokens1740000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE api_tokens (
      id TEXT PRIMARY KEY,
      role TEXT NOT NULL CHECK (role IN ('agent', 'viewer')),
      agent_id TEXT REFERENCES agents(id) ON DELETE CASCADE,
      label TEXT,
      token_hash TEXT NOT NULL,
      created_at TEXT NOT NULL,
      last_used_at TEXT,
      revoked_at TEXT,
      CHECK ((role = 'agent' AND agent_id IS NOT NULL) OR (role = 'viewer' AND agent_id IS NULL))
    )`);
    await queryRunner.query(`CREATE UNIQUE INDEX idx_api_tokens_hash ON api_tokens(token_hash)`);
    await queryRunner.query(`CREATE INDEX idx_api_tokens_agent ON api_tokens(agent_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_tokens`);
  }
}
