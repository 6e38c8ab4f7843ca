import { ApiToken, TokenRole } from '@mission-control/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') role: TokenRole;
  @Column('text', { nullable: true }) agent_id: string | null;
  @Column('text', { nullable: true }) label: string | null;
  /** SHA-256 of the secret, hex: the secret itself is never stored. */
  @Column('text') token_hash: string;
  @Column('text') created_at: string;
  @Column('text', { nullable: true }) last_used_at: string | null;
  @Column('text', { nullable: true }) revoked_at: string | null;
}

export const toApiToken = (e: ApiTokenEntity): ApiToken => ({
  id: e.id,
  role: e.role,
  agent_id: e.agent_id,
  label: e.label,
  created_at: e.created_at,
  last_used_at: e.last_used_at,
  revoked_at: e.revoked_at,
});
