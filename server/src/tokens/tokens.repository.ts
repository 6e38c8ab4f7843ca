import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';

/**
 * Issued tokens. Writes are single statements outside a unit of work on purpose: a token is not a
 * domain change (no event), and a write inside the idempotent unit of work would store the response —
 * the secret — in `idempotency_keys`.
 */
@Injectable()
export class TokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo() {
    return this.dataSource.getRepository(ApiTokenEntity);
  }

  async insert(entity: ApiTokenEntity): Promise<void> {
    await this.repo().insert(entity);
  }

  findById(id: string): Promise<ApiTokenEntity | null> {
    return this.repo().findOneBy({ id });
  }

  /** The live (not revoked) token with this hash. */
  findActiveByHash(tokenHash: string): Promise<ApiTokenEntity | null> {
    return this.repo().findOneBy({ token_hash: tokenHash, revoked_at: IsNull() });
  }

  list(): Promise<ApiTokenEntity[]> {
    return this.repo().find({ order: { created_at: 'DESC', id: 'ASC' } });
  }

  /** Of these ids, those still live. */
  async activeIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.repo().find({ select: { id: true }, where: { id: In(ids), revoked_at: IsNull() } });
    return new Set(rows.map((row) => row.id));
  }

  async revoke(id: string, at: string): Promise<void> {
    await this.repo().update({ id, revoked_at: IsNull() }, { revoked_at: at });
  }

  async touch(id: string, at: string): Promise<void> {
    await this.repo().update({ id }, { last_used_at: at });
  }
}
