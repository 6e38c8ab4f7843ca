import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TokenRevocations } from '../tokens/token-revocations';
import { TokensRepository } from '../tokens/tokens.repository';
import { Authenticator } from './authenticator';
import { Lockouts } from './lockouts';
import { Principal, rateKey } from './principal';
import { RATE_WINDOW_MS, rateLimitMessage } from './rate-limit';

/** How often open streams' tokens are checked against the database (revoked on another instance, agent deleted). */
const RECHECK_EVERY_MS = 5_000;

/**
 * Authentication for the long-lived transports (Socket.IO, SSE, /api/ws): the same principals as REST,
 * and a way to be told when the token behind an open stream stops being valid. A revocation on this
 * instance closes its streams at once; one on another instance within `RECHECK_EVERY_MS`.
 */
@Injectable()
export class StreamAccess implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StreamAccess.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly revocations: TokenRevocations,
    private readonly tokens: TokensRepository,
    @InjectThrottlerStorage() private readonly limits: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lockouts: Lockouts,
  ) {}

  /**
   * Whether a stream may open, and as whom. Refused: 401 for a token that proves nothing, 429 (with the seconds to
   * wait) over the rate limit. With `clientAddress`, each connection counts against the same rate limit as a REST
   * request (per principal, or per address when the token proves nothing), so tokens cannot be guessed through
   * handshakes either.
   */
  async admit(token: string | null | undefined, clientAddress?: string): Promise<Admission> {
    if (clientAddress === undefined || this.config.rateLimit <= 0) return admission(await this.authenticator.authenticate(token));
    const lockedFor = this.lockouts.retryAfter(clientAddress);
    if (lockedFor > 0) return this.limited(lockedFor);
    const principal = await this.authenticator.authenticate(token);
    const key = `default:${rateKey(principal, clientAddress)}`;
    const { isBlocked, timeToBlockExpire } = await this.limits.increment(key, RATE_WINDOW_MS, this.config.rateLimit, RATE_WINDOW_MS, 'default');
    if (!isBlocked) return admission(principal);
    if (principal === null || principal.anonymous) this.lockouts.lock(clientAddress, timeToBlockExpire);
    return this.limited(timeToBlockExpire);
  }

  private limited(retryAfter: number): Admission {
    return { statusCode: 429, retryAfter: Math.max(1, retryAfter), message: rateLimitMessage(this.config.rateLimit, retryAfter) };
  }

  /** Calls `onRevoked` once if the principal's token is revoked while the stream is open; call the result on close. */
  watch(principal: Principal | null, onRevoked: () => void): () => void {
    if (!principal?.tokenId) return () => undefined;
    return this.revocations.listen(principal.tokenId, onRevoked);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.recheck(), RECHECK_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async recheck(): Promise<void> {
    const watched = this.revocations.watched();
    if (watched.length === 0) return;
    try {
      const active = await this.tokens.activeIds(watched);
      for (const id of watched) if (!active.has(id)) this.revocations.revoked(id);
    } catch (error) {
      this.logger.warn(`Could not recheck stream tokens: ${(error as Error).message}`);
    }
  }
}

/** A stream admitted as `principal`, or refused with a status and a message in the one error shape. */
export type Admission = { principal: Principal } | { statusCode: 401 | 429; message: string; retryAfter?: number };

function admission(principal: Principal | null): Admission {
  return principal ? { principal } : { statusCode: 401, message: 'A valid API token is required' };
}
