import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialect } from './dialect';

/**
 * Idempotency keys: the first response to a write sent with an `Idempotency-Key` header, per route,
 * so a retried request returns it again instead of writing twice.
 */
export class IdempotencyKeys1720000000000 implements MigrationInterface {
  name = 'IdempotencyKeys1720000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { nowIso } = dialect(queryRunner);
    await queryRunner.query(`CREATE TABLE idempotency_keys (
      id TEXT PRIMARY KEY,
      idempotency_key TEXT NOT NULL,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status_code INTEGER NOT NULL,
      response_body TEXT,
      created_at TEXT NOT NULL DEFAULT ${nowIso}
    )`);
    await queryRunner.query(`CREATE INDEX idx_idempotency_keys_created ON idempotency_keys(created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
