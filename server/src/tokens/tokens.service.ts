import { BadRequestException, Injectable } from '@nestjs/common';
import { ApiToken, IssuedApiToken } from '@mission-control/shared';
import { AgentsRepository } from '../agents/agents.repository';
import { now } from '../common/clock';
import { newId } from '../common/ids';
import { notFound, requireReference } from '../common/references';
import { UnitOfWork } from '../database/unit-of-work';
import { ApiTokenEntity, toApiToken } from './api-token.entity';
import { IssueTokenDto } from './dto/issue-token.dto';
import { hashTokenSecret, newTokenSecret } from './token-secret';
import { TokenRevocations } from './token-revocations';
import { TokensRepository } from './tokens.repository';

@Injectable()
export class TokensService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tokens: TokensRepository,
    private readonly agents: AgentsRepository,
    private readonly revocations: TokenRevocations,
  ) {}

  /** Issues a token; its secret is in this answer only. */
  issue(dto: IssueTokenDto): Promise<IssuedApiToken> {
    const agentId = dto.agent_id ?? null;
    if (dto.role === 'agent' && agentId === null) throw new BadRequestException('agent_id is required for an agent token: the agent it acts for');
    if (dto.role === 'viewer' && agentId !== null) throw new BadRequestException('agent_id must be absent for a viewer token');
    // `exclusive`: no transaction of this process is open while the row is written (one SQLite connection).
    return this.uow.exclusive(async () => {
      await requireReference('agent_id', agentId, (id) => this.agents.exists(id));
      const secret = newTokenSecret();
      const entity = Object.assign(new ApiTokenEntity(), {
        id: newId(),
        role: dto.role,
        agent_id: agentId,
        label: dto.label ?? null,
        token_hash: hashTokenSecret(secret),
        created_at: now(),
        last_used_at: null,
        revoked_at: null,
      } satisfies ApiTokenEntity);
      await this.tokens.insert(entity);
      return { ...toApiToken(entity), token: secret };
    });
  }

  async list(): Promise<ApiToken[]> {
    return (await this.tokens.list()).map(toApiToken);
  }

  /** Revokes at once: the next request with it is a 401 and the streams it opened here close now. */
  async revoke(id: string): Promise<void> {
    await this.uow.exclusive(async () => {
      if (!(await this.tokens.findById(id))) throw notFound('Token', id);
      await this.tokens.revoke(id, now());
    });
    this.revocations.revoked(id);
  }
}
