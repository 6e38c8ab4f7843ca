import bytes from 'bytes';
import * as path from 'node:path';

/** Everything the server reads from the environment, parsed once. */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string;
  deliverablesRoot: string;
  clientDist: string;
  corsOrigins: string[];
  /** Extra `Host` names accepted besides loopback and `HOST` (DNS-rebinding protection). */
  allowedHosts: string[];
  /** Requests per minute per authenticated principal (or per client address without one); 0 disables. */
  rateLimit: number;
  apiToken: string | null;
  /** Share events between instances through Redis pub/sub. */
  redisUrl: string | null;
  redisChannel: string;
  eventsRetentionDays: number;
  /** `MC_BODY_LIMIT` as written (`1mb`), for messages, and in bytes. */
  bodyLimit: string;
  bodyLimitBytes: number;
  /** An active sub-agent session silent this long (no heartbeat, no activity naming it) turns `stale`. */
  sessionStaleAfterMs: number;
  /** How often SSE streams send `: keep-alive` and WebSockets are pinged. */
  sseKeepAliveMs: number;
  /** Unsent data one stream connection may hold before it is cut (it resumes from its last seq). */
  clientBufferBytes: number;
  /** Output lines kept per session; past it lines are dropped and one marker line says so. */
  outputMaxLines: number;
  /** Accept requests without a token even when listening beyond loopback (behind an authenticating proxy). */
  allowNoAuth: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The repository root: server/dist/config or server/src/config → three levels up. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

function sizeFrom(value: string | undefined, fallback: string, name: string): { text: string; bytes: number } {
  const text = value || fallback;
  const parsed = bytes.parse(text);
  if (parsed === null || !Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a size such as 1mb or 512kb, got "${text}"`);
  return { text, bytes: Math.floor(parsed) };
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const bodyLimit = sizeFrom(env.MC_BODY_LIMIT, '1mb', 'MC_BODY_LIMIT');
  return {
    port: intFrom(env.PORT, 4000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || 'sqlite:./data/mission-control.db',
    deliverablesRoot: env.DELIVERABLES_ROOT || './data/deliverables',
    clientDist: env.CLIENT_DIST || path.join(REPO_ROOT, 'client', 'dist', 'browser'),
    corsOrigins: list(env.CORS_ORIGINS),
    allowedHosts: list(env.MC_ALLOWED_HOSTS),
    rateLimit: intFrom(env.MC_RATE_LIMIT, 6000, 'MC_RATE_LIMIT'),
    apiToken: env.MC_API_TOKEN || null,
    redisUrl: env.REDIS_URL || null,
    redisChannel: env.REDIS_CHANNEL || 'mission-control:events',
    eventsRetentionDays: intFrom(env.EVENTS_RETENTION_DAYS, 30, 'EVENTS_RETENTION_DAYS'),
    bodyLimit: bodyLimit.text,
    bodyLimitBytes: bodyLimit.bytes,
    sessionStaleAfterMs: intFrom(env.SESSION_STALE_AFTER_MS, 120_000, 'SESSION_STALE_AFTER_MS') || 120_000,
    sseKeepAliveMs: intFrom(env.SSE_KEEPALIVE_MS, 30_000, 'SSE_KEEPALIVE_MS') || 30_000,
    clientBufferBytes: intFrom(env.MC_CLIENT_BUFFER_BYTES, 4 * 1024 * 1024, 'MC_CLIENT_BUFFER_BYTES') || 4 * 1024 * 1024,
    outputMaxLines: intFrom(env.MC_OUTPUT_MAX_LINES, 100_000, 'MC_OUTPUT_MAX_LINES') || 100_000,
    allowNoAuth: env.MC_ALLOW_NO_AUTH === '1' || env.MC_ALLOW_NO_AUTH === 'true',
  };
}
