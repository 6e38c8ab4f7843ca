import { ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerException, ThrottlerGuard, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PUBLIC_PATHS, accessRefusal, creditAgent } from './access-policy';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { Authenticator } from './authenticator';
import { presentedBearer } from './authorization';
import { LinkSigner } from './link-signer';
import { Lockouts } from './lockouts';
import { pathOf } from '../common/request-path';
import { Principal, authenticatedAs, clientAddress, principalOf, rateKey, setPrincipal } from './principal';
import { rateLimitMessage } from './rate-limit';

/** The one stream a browser opens with `?token=` (EventSource cannot set headers); /api/ws checks its own. */
const QUERY_TOKEN_PATHS = [/^\/api\/events\/stream\/?$/];

/**
 * The one global guard, in this order: authenticate (Bearer, `?token=` on the SSE stream, or a signed
 * link), count the request against the principal's rate limit (per client address when it proved
 * nothing — so random bearer values are limited too), then refuse with 401 / 403 by the route's
 * `AccessRule`, and credit an agent's write to its agent.
 */
@Injectable()
export class AccessGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly authenticator: Authenticator,
    private readonly links: LinkSigner,
    private readonly lockouts: Lockouts,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (rule?.public || PUBLIC_PATHS.some((pattern) => pattern.test(pathOf(req)))) return true;

    const limited = this.config.rateLimit > 0;
    if (limited) this.refuseLockedOut(req, context.switchToHttp().getResponse<FastifyReply>());
    const presented = this.presentedToken(req);
    const principal = authenticatedAs(req) ?? (await this.authenticate(req, presented, rule));
    setPrincipal(req, principal);
    if (limited) await this.countAgainstLimit(context, req, principal);

    if (!principal) throw new UnauthorizedException(this.unauthorizedMessage(req, presented));
    const refused = accessRefusal(principal, req.method, pathOf(req), rule) ?? creditAgent(principal, rule, req.body);
    if (refused) throw new ForbiddenException(refused);
    return true;
  }

  /** Who the request proves it is (a keyed write was already authenticated, see IdempotentWrites). */
  private async authenticate(req: FastifyRequest, presented: string | null, rule: AccessRule | undefined): Promise<Principal | null> {
    if (presented === null && rule?.signedLinkParam) return this.linkPrincipal(req, rule.signedLinkParam);
    return this.authenticator.authenticate(presented);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as FastifyRequest;
    return rateKey(principalOf(request), clientAddress(request));
  }

  private refuseLockedOut(req: FastifyRequest, reply: FastifyReply): void {
    const wait = this.lockouts.retryAfter(clientAddress(req));
    if (wait === 0) return;
    reply.header('Retry-After', String(wait));
    throw new ThrottlerException(rateLimitMessage(this.config.rateLimit, wait));
  }

  /** The library's count and 429; an address over the limit with requests that prove nothing is locked out. */
  private async countAgainstLimit(context: ExecutionContext, req: FastifyRequest, principal: Principal | null): Promise<void> {
    try {
      await super.canActivate(context);
    } catch (error) {
      if (error instanceof ThrottlerException && (principal === null || principal.anonymous || principal.via === 'link')) {
        const reply = context.switchToHttp().getResponse<FastifyReply>();
        this.lockouts.lock(clientAddress(req), Number(reply.getHeader('Retry-After')) || 60);
      }
      throw error;
    }
  }

  /** One budget per principal across every route (the library's default is per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  private presentedToken(req: FastifyRequest): string | null {
    if (req.headers.authorization !== undefined) return presentedBearer(req.headers.authorization);
    if (!QUERY_TOKEN_PATHS.some((pattern) => pattern.test(pathOf(req)))) return null;
    const { token } = queryOf(req);
    return typeof token === 'string' ? token : null;
  }

  /** A signed link reads its one deliverable as a tokenless viewer; without a signature it proves nothing. */
  private linkPrincipal(req: FastifyRequest, param: string): Principal | null {
    const { sig, expires } = queryOf(req);
    if (sig === undefined) return this.authenticator.required ? null : { role: 'operator', tokenId: null, agentId: null, anonymous: true };
    return this.links.verify(String((req.params as Record<string, unknown>)[param]), expires, sig) ? { role: 'viewer', tokenId: null, agentId: null, via: 'link' } : null;
  }

  private unauthorizedMessage(req: FastifyRequest, presented: string | null): string {
    if (queryOf(req).sig !== undefined) return 'This link is invalid or has expired: open the deliverable again from the dashboard';
    if (presented === null) return 'Missing API token: send "Authorization: Bearer <token>"';
    return 'Invalid API token';
  }
}

const queryOf = (req: FastifyRequest): Record<string, unknown> => (req.query ?? {}) as Record<string, unknown>;
