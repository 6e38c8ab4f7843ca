import { IsoTimestamp } from '../limits';

/** Roles a token can be issued for. The operator is `MC_API_TOKEN` itself and is never issued. */
export const TOKEN_ROLES = ['agent', 'viewer'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** An issued API token as listed: never its secret. */
export interface ApiToken {
  id: string;
  role: TokenRole;
  /** The agent an `agent` token acts for; null for a viewer. */
  agent_id: string | null;
  label: string | null;
  created_at: IsoTimestamp;
  last_used_at: IsoTimestamp | null;
  revoked_at: IsoTimestamp | null;
}

/** `POST /api/tokens`: an `agent` token needs `agent_id`; a `viewer` token has none. */
export interface IssueTokenBody {
  role: TokenRole;
  agent_id?: string | null;
  label?: string | null;
}

/** The answer to `POST /api/tokens`: the secret is shown this once and stored only as a SHA-256 hash. */
export interface IssuedApiToken extends ApiToken {
  token: string;
}

/** `POST /api/deliverables/:id/link`: a path to the content, signed for this deliverable, valid 5 minutes, needing no token. */
export interface DeliverableLink {
  url: string;
  expires_at: IsoTimestamp;
}
