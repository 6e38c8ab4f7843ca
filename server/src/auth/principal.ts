import { FastifyRequest } from 'fastify';

type Request = FastifyRequest;

export type Role = 'operator' | 'agent' | 'viewer';

/**
 * Who a request or a stream acts as. `tokenId` names an issued token (agent, viewer); the operator is
 * `MC_API_TOKEN` (tokenId null), or anybody at all when the server runs without one (`anonymous`).
 * A signed deliverable link reads one file as a tokenless viewer (`via: 'link'`).
 */
export interface Principal {
  role: Role;
  tokenId: string | null;
  agentId: string | null;
  anonymous?: boolean;
  via?: 'link';
}

export const OPERATOR: Principal = Object.freeze({ role: 'operator', tokenId: null, agentId: null });
export const ANONYMOUS_OPERATOR: Principal = Object.freeze({ role: 'operator', tokenId: null, agentId: null, anonymous: true });

interface WithPrincipal {
  principal?: Principal | null;
}

/** The principal the access guard authenticated for this request (null: nobody). */
export const principalOf = (req: Request): Principal | null => (req as WithPrincipal).principal ?? null;

export const setPrincipal = (req: Request, principal: Principal | null): void => {
  (req as WithPrincipal).principal = principal;
};

/** The principal already authenticated for this request, null for nobody, undefined when nobody has looked yet. */
export const authenticatedAs = (req: Request): Principal | null | undefined => (req as WithPrincipal).principal;

/** The address a request came from (Fastify's `req.ip`, which honours `trustProxy` if ever set). */
export const clientAddress = (req: Request): string => req.ip ?? req.raw.socket?.remoteAddress ?? 'unknown';

/** What rate limits count by: the token, the operator, or the client address for everyone else. */
export function rateKey(principal: Principal | null, clientAddress: string | undefined): string {
  if (principal?.tokenId) return `token:${principal.tokenId}`;
  if (principal?.role === 'operator' && !principal.anonymous) return 'operator';
  return `ip:${clientAddress ?? 'unknown'}`;
}
