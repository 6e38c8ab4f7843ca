import { SetMetadata } from '@nestjs/common';

export const ACCESS_RULE = 'mc:access-rule';

/**
 * How a route departs from the default: reads (GET) are open to every role, writes to the operator
 * only. Declared next to the route; enforced by the one global `AccessGuard`.
 */
export interface AccessRule {
  /** Roles besides the operator that may call this write. */
  roles?: Array<'agent' | 'viewer'>;
  /** A body field (or each array item's) that an agent's write is credited through: another agent's id is 403, absent is filled. */
  credit?: string;
  /** For an agent: the only body fields it may send (besides `credit`). */
  only?: string[];
  /** Only the operator, reads included. */
  operatorOnly?: boolean;
  /** No authentication and no rate limit (health). */
  public?: boolean;
  /** The route param a signed link (`?expires=&sig=`) may stand in for a token for. */
  signedLinkParam?: string;
}

/** Lets agents (and/or viewers) call this write. `credit` names the body field that says which agent did it. */
export const Allow = (roles: 'agent' | 'viewer' | Array<'agent' | 'viewer'>, options: Pick<AccessRule, 'credit' | 'only'> = {}) =>
  SetMetadata(ACCESS_RULE, { roles: Array.isArray(roles) ? roles : [roles], ...options } satisfies AccessRule);

/** The operator only, reads included. */
export const OperatorOnly = () => SetMetadata(ACCESS_RULE, { operatorOnly: true } satisfies AccessRule);

/** No token needed and not rate limited. */
export const Public = () => SetMetadata(ACCESS_RULE, { public: true } satisfies AccessRule);

/** A link signed for the route param `param` (see LinkSigner) opens this read without a token. */
export const SignedLink = (param: string) => SetMetadata(ACCESS_RULE, { signedLinkParam: param } satisfies AccessRule);
