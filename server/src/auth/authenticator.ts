import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { now } from '../common/clock';
import { UnitOfWork } from '../database/unit-of-work';
import { TOKEN_PREFIX, hashTokenSecret } from '../tokens/token-secret';
import { TokensRepository } from '../tokens/tokens.repository';
import { sameSecret } from './authorization';
import { ANONYMOUS_OPERATOR, OPERATOR, Principal } from './principal';

/** `last_used_at` is written at most this often per token, so authentication does not turn reads into writes. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Turns a presented secret into a principal, the same way for REST and every stream. Issued tokens are
 * looked up by their SHA-256 on every call (one indexed read, no cache), so a revocation holds at once
 * on every instance. Looking up by hash leaks nothing through timing: an attacker controls the guess,
 * not its hash. The operator token is compared in constant time.
 */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger(Authenticator.name);
  private readonly touchedAt = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokensRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** Whether requests must prove who they are (`MC_API_TOKEN` is set). */
  get required(): boolean {
    return this.config.apiToken !== null;
  }

  /**
   * The principal for `secret`, or null when it proves nothing and a token is required. Without
   * `MC_API_TOKEN` everyone is the operator, except that an issued token still acts as what it was issued for.
   */
  async authenticate(secret: string | null | undefined): Promise<Principal | null> {
    const fallback = this.required ? null : ANONYMOUS_OPERATOR;
    if (typeof secret !== 'string' || secret === '') return fallback;
    if (this.config.apiToken !== null && sameSecret(this.config.apiToken, secret)) return OPERATOR;
    if (!secret.startsWith(TOKEN_PREFIX)) return fallback;
    const token = await this.tokens.findActiveByHash(hashTokenSecret(secret));
    if (!token) return fallback;
    this.touch(token.id);
    return token.role === 'agent' ? { role: 'agent', tokenId: token.id, agentId: token.agent_id } : { role: 'viewer', tokenId: token.id, agentId: null };
  }

  private touch(tokenId: string): void {
    const last = this.touchedAt.get(tokenId) ?? 0;
    if (Date.now() - last < TOUCH_EVERY_MS) return;
    this.touchedAt.set(tokenId, Date.now());
    // `exclusive`: never inside another request's open transaction on the shared SQLite connection.
    this.uow.exclusive(() => this.tokens.touch(tokenId, now())).catch((error: Error) => this.logger.warn(`Could not record token use: ${error.message}`));
  }
}
