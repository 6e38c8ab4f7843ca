import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first response to a write sent with an `Idempotency-Key`; `id` hashes method, path and key. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') idempotency_key: string;
  @Column('text') method: string;
  @Column('text') path: string;
  @Column('text') request_hash: string;
  @Column('integer') status_code: number;
  /** The response body as JSON text; null for an empty body. */
  @Column('text', { nullable: true }) response_body: string | null;
  @Column('text') created_at: string;
}
