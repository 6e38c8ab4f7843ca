import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { BaseRepository } from '../database/base.repository';
import { Tx } from '../database/tx';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

@Injectable()
export class IdempotencyRepository extends BaseRepository<IdempotencyKeyEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, IdempotencyKeyEntity);
  }

  async setResponse(tx: Tx, id: string, statusCode: number, responseBody: string | null): Promise<void> {
    await this.repo(tx).update({ id }, { status_code: statusCode, response_body: responseBody });
  }

  /** Deletes keys created before `before`; returns how many went. */
  async pruneBefore(tx: Tx, before: string): Promise<number> {
    const result = await this.repo(tx).delete({ created_at: LessThan(before) });
    return result.affected ?? 0;
  }
}
