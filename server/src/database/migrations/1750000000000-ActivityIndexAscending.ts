import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index that lists a task's activities, ascending: a new activity (the newest so far) then goes at the end
 * of its task's entries instead of at their start. Appending to a B-tree fills pages in order; inserting before
 * the first entry split the same page again and again, which cost about a tenth of a 100-activity batch's CPU on
 * SQLite. The log still reads newest first, walking the index backwards.
 */
export class ActivityIndexAscending1750000000000 implements MigrationInterface {
  name = 'ActivityIndexAscending1750000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_activities_task`);
    await queryRunner.query(`CREATE INDEX idx_activities_task ON task_activities(task_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_activities_task`);
    await queryRunner.query(`CREATE INDEX idx_activities_task ON task_activities(task_id, created_at DESC)`);
  }
}
