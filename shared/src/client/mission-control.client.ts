import { Agent, CreateAgentBody, ListAgentsQuery, UpdateAgentBody } from '../agents/agents.contract';
import { CreateActivityBody, TaskActivity } from '../activities/activities.contract';
import { CreateDeliverableBody, TaskDeliverable } from '../deliverables/deliverables.contract';
import { ListEventsQuery, MissionEvent } from '../events/event-map';
import {
  AgentSession,
  AppendOutputResult,
  ListSessionsQuery,
  OutputStream,
  ReadOutputQuery,
  RegisterSubagentBody,
  SessionOutputLine,
  UpdateSessionBody,
} from '../sessions/sessions.contract';
import { Health, Stats } from '../stats/stats.contract';
import { ApiToken, DeliverableLink, IssueTokenBody, IssuedApiToken } from '../tokens/tokens.contract';
import { CreateTaskBody, ListTasksQuery, Task, UpdateTaskBody } from '../tasks/tasks.contract';
import { MissionControlError, isErrorBody } from './mission-control-error';

export interface MissionControlClientOptions {
  /** The server, e.g. `http://localhost:4000` (a trailing slash is fine). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when the server runs with `MC_API_TOKEN`. */
  token?: string | null;
  /** How many times a call is retried after a network error, a 5xx or a 429 (never after another 4xx). Default 3. */
  retries?: number;
  /** The first retry waits this long, each next one twice as long (with jitter). Default 200 ms. */
  retryDelayMs?: number;
  /** No wait between retries is longer than this. Default 5000 ms. */
  maxRetryDelayMs?: number;
  /**
   * Give every write an `Idempotency-Key` of its own (one per logical call, reused by its retries), so
   * a retry after a lost response never writes twice. Default false; a per-call key always wins.
   */
  autoIdempotencyKeys?: boolean;
  /** Each attempt is aborted after this long (counts as a network error). Default 30000 ms; 0 for none. */
  timeoutMs?: number;
  /** The `fetch` to use; defaults to the global one. */
  fetch?: typeof fetch;
}

export interface CallOptions {
  /** Sent as `Idempotency-Key`; every retry of this call sends the same key. */
  idempotencyKey?: string;
  /** Sent as `If-Match`: the write happens only if the task is still at this version (412 otherwise). */
  ifVersion?: number;
  signal?: AbortSignal;
}

type Query = Record<string, string | number | boolean | null | undefined>;

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  options?: CallOptions;
  /** A write that is harmless to repeat: no automatic Idempotency-Key (the server stores none for it). */
  naturallyIdempotent?: boolean;
}

const WRITES = new Set(['POST', 'PATCH', 'DELETE']);

/**
 * The typed REST client of Mission Control: one method per endpoint, errors as `MissionControlError`
 * with the server's message, retries with exponential backoff for network errors and 5xx, and after a 429
 * once its `Retry-After` has passed.
 */
export class MissionControlClient {
  private readonly baseUrl: string;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: MissionControlClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.retries = options.retries ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  // Tasks
  listTasks(query: ListTasksQuery = {}, options?: CallOptions): Promise<Task[]> {
    return this.request({ method: 'GET', path: '/api/tasks', query: { ...query }, options });
  }
  getTask(id: string, options?: CallOptions): Promise<Task> {
    return this.request({ method: 'GET', path: `/api/tasks/${enc(id)}`, options });
  }
  createTask(body: CreateTaskBody, options?: CallOptions): Promise<Task> {
    return this.request({ method: 'POST', path: '/api/tasks', body, options });
  }
  updateTask(id: string, body: UpdateTaskBody, options?: CallOptions): Promise<Task> {
    return this.request({ method: 'PATCH', path: `/api/tasks/${enc(id)}`, body, options });
  }
  deleteTask(id: string, options?: CallOptions): Promise<void> {
    return this.request({ method: 'DELETE', path: `/api/tasks/${enc(id)}`, options });
  }

  // Activities
  listActivities(taskId: string, query: { limit?: number } = {}, options?: CallOptions): Promise<TaskActivity[]> {
    return this.request({ method: 'GET', path: `/api/tasks/${enc(taskId)}/activities`, query, options });
  }
  logActivity(taskId: string, body: CreateActivityBody, options?: CallOptions): Promise<TaskActivity> {
    return this.request({ method: 'POST', path: `/api/tasks/${enc(taskId)}/activities`, body, options });
  }
  /** 1–1000 activities in one request: all logged or none, answered (and announced) in array order. */
  logActivities(taskId: string, items: CreateActivityBody[], options?: CallOptions): Promise<TaskActivity[]> {
    return this.request({ method: 'POST', path: `/api/tasks/${enc(taskId)}/activities`, body: items, options });
  }

  // Deliverables
  listDeliverables(taskId: string, query: { limit?: number } = {}, options?: CallOptions): Promise<TaskDeliverable[]> {
    return this.request({ method: 'GET', path: `/api/tasks/${enc(taskId)}/deliverables`, query, options });
  }
  addDeliverable(taskId: string, body: CreateDeliverableBody, options?: CallOptions): Promise<TaskDeliverable> {
    return this.request({ method: 'POST', path: `/api/tasks/${enc(taskId)}/deliverables`, body, options });
  }
  getDeliverable(id: string, options?: CallOptions): Promise<TaskDeliverable> {
    return this.request({ method: 'GET', path: `/api/deliverables/${enc(id)}`, options });
  }
  /** The content route of a `file` deliverable; it needs the `Authorization` header. A browser opens `deliverableLink` instead. */
  deliverableContentUrl(id: string): string {
    return `${this.baseUrl}/api/deliverables/${enc(id)}/content`;
  }
  /** A link to the file, signed for this deliverable and valid 5 minutes, that needs no token: what a browser opens. */
  async deliverableLink(id: string, options?: CallOptions): Promise<DeliverableLink> {
    const link = await this.request<DeliverableLink>({ method: 'POST', path: `/api/deliverables/${enc(id)}/link`, options, naturallyIdempotent: true });
    return { ...link, url: new URL(link.url, `${this.baseUrl}/`).toString() };
  }
  /** The file of a `file` deliverable, with its content type. */
  async getDeliverableContent(id: string, options?: CallOptions): Promise<{ contentType: string; data: Uint8Array }> {
    const response = await this.send({ method: 'GET', path: `/api/deliverables/${enc(id)}/content`, options });
    return { contentType: response.headers.get('content-type') ?? 'application/octet-stream', data: new Uint8Array(await response.arrayBuffer()) };
  }

  // Sub-agents and sessions
  listSubagents(taskId: string, options?: CallOptions): Promise<AgentSession[]> {
    return this.request({ method: 'GET', path: `/api/tasks/${enc(taskId)}/subagent`, options });
  }
  registerSubagent(taskId: string, body: RegisterSubagentBody, options?: CallOptions): Promise<AgentSession> {
    return this.request({ method: 'POST', path: `/api/tasks/${enc(taskId)}/subagent`, body, options });
  }
  listSessions(query: ListSessionsQuery & { limit?: number } = {}, options?: CallOptions): Promise<AgentSession[]> {
    return this.request({ method: 'GET', path: '/api/sessions', query: { ...query }, options });
  }
  /** Ends a session (our id or its `openclaw_session_id`) as completed or failed. */
  endSession(id: string, body: UpdateSessionBody, options?: CallOptions): Promise<AgentSession> {
    return this.request({ method: 'PATCH', path: `/api/sessions/${enc(id)}`, body, options });
  }
  /** A sign of life from a session; repeating it is harmless, so it gets no automatic Idempotency-Key. */
  heartbeat(sessionId: string, options?: CallOptions): Promise<AgentSession> {
    return this.request({ method: 'POST', path: `/api/sessions/${enc(sessionId)}/heartbeat`, options, naturallyIdempotent: true });
  }

  /**
   * Appends 1–1000 lines (each at most 5000 characters) to a session's output; also a heartbeat. `stream`: one
   * for all lines, or one per line. Send an `idempotencyKey` (or use `autoIdempotencyKeys`) so a retry after a
   * lost response never appends twice.
   */
  appendOutput(sessionId: string, lines: string[], stream?: OutputStream | OutputStream[], options?: CallOptions): Promise<AppendOutputResult> {
    const body = stream === undefined ? { lines } : Array.isArray(stream) ? { lines, streams: stream } : { lines, stream };
    return this.request({ method: 'POST', path: `/api/sessions/${enc(sessionId)}/output`, body, options });
  }
  /** A page of a session's output, oldest first: after `after`, before `before`, or the `tail`. */
  readOutput(sessionId: string, query: ReadOutputQuery = {}, options?: CallOptions): Promise<SessionOutputLine[]> {
    return this.request({ method: 'GET', path: `/api/sessions/${enc(sessionId)}/output`, query: { ...query }, options });
  }

  // Agents
  listAgents(query: ListAgentsQuery = {}, options?: CallOptions): Promise<Agent[]> {
    return this.request({ method: 'GET', path: '/api/agents', query: { ...query }, options });
  }
  getAgent(id: string, options?: CallOptions): Promise<Agent> {
    return this.request({ method: 'GET', path: `/api/agents/${enc(id)}`, options });
  }
  createAgent(body: CreateAgentBody, options?: CallOptions): Promise<Agent> {
    return this.request({ method: 'POST', path: '/api/agents', body, options });
  }
  updateAgent(id: string, body: UpdateAgentBody, options?: CallOptions): Promise<Agent> {
    return this.request({ method: 'PATCH', path: `/api/agents/${enc(id)}`, body, options });
  }
  deleteAgent(id: string, options?: CallOptions): Promise<void> {
    return this.request({ method: 'DELETE', path: `/api/agents/${enc(id)}`, options });
  }

  // API tokens (operator only)
  /** Issues a token for an agent or a viewer; the answer carries the secret, shown this once. */
  issueToken(body: IssueTokenBody, options?: CallOptions): Promise<IssuedApiToken> {
    return this.request({ method: 'POST', path: '/api/tokens', body, options });
  }
  listTokens(options?: CallOptions): Promise<ApiToken[]> {
    return this.request({ method: 'GET', path: '/api/tokens', options });
  }
  /** Revokes a token at once; streams it opened are closed. */
  revokeToken(id: string, options?: CallOptions): Promise<void> {
    return this.request({ method: 'DELETE', path: `/api/tokens/${enc(id)}`, options });
  }

  // Stats, health, events
  stats(options?: CallOptions): Promise<Stats> {
    return this.request({ method: 'GET', path: '/api/stats', options });
  }
  health(options?: CallOptions): Promise<Health> {
    return this.request({ method: 'GET', path: '/api/health', options });
  }
  /** Events after `since` (a sequence number), oldest first. */
  listEvents(query: ListEventsQuery = {}, options?: CallOptions): Promise<MissionEvent[]> {
    return this.request({ method: 'GET', path: '/api/events', query: { ...query }, options });
  }
  /** The URL of the Server-Sent Events stream (add `Authorization` yourself, or `?token=` in a browser). */
  eventStreamUrl(taskId?: string): string {
    return `${this.baseUrl}/api/events/stream${taskId ? `?task_id=${enc(taskId)}` : ''}`;
  }
  /** The headers every call carries (the API token); for callers that open a stream themselves. */
  authHeaders(): Record<string, string> {
    return this.options.token ? { Authorization: `Bearer ${this.options.token}` } : {};
  }

  /** Any call, parsed as JSON (undefined for an empty body). */
  async request<T>(call: Call): Promise<T> {
    const response = await this.send(call);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(call: Call): Promise<Response> {
    const url = this.baseUrl + call.path + queryString(call.query);
    const headers: Record<string, string> = { Accept: 'application/json', ...this.authHeaders() };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    const automatic = this.options.autoIdempotencyKeys && WRITES.has(call.method) && !call.naturallyIdempotent;
    const key = call.options?.idempotencyKey ?? (automatic ? newKey() : undefined);
    if (key) headers['Idempotency-Key'] = key;
    if (call.options?.ifVersion !== undefined) headers['If-Match'] = String(call.options.ifVersion);
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    for (let attempt = 0; ; attempt++) {
      let error: MissionControlError;
      try {
        const response = await this.attempt(url, { method: call.method, headers, body }, call.options?.signal);
        if (response.ok) return response;
        error = await errorFrom(response, call);
      } catch (cause) {
        if (call.options?.signal?.aborted) throw cause;
        error = new MissionControlError(0, `${call.method} ${call.path} failed: ${describe(cause)}`, call.method, call.path, null, cause);
      }
      if (!error.retryable || attempt >= this.retries) throw error;
      await sleep(error.retryAfterMs ?? this.backoff(attempt), call.options?.signal);
    }
  }

  private async attempt(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
    if (!this.timeoutMs && !signal) return this.fetchFn(url, init);
    const controller = new AbortController();
    const abort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', abort, { once: true });
    const timer = this.timeoutMs ? setTimeout(() => controller.abort(new Error(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs) : null;
    try {
      const response = await this.fetchFn(url, { ...init, signal: controller.signal });
      // Read the body while the timer still runs, so a stalled body also times out.
      const data = await response.arrayBuffer();
      return new Response(response.status === 204 || response.status === 304 ? null : data, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.maxRetryDelayMs, this.retryDelayMs * 2 ** attempt);
    return Math.round(base / 2 + Math.random() * (base / 2));
  }
}

async function errorFrom(response: Response, call: Call): Promise<MissionControlError> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const message = isErrorBody(body) ? body.message : text.trim() || response.statusText || `HTTP ${response.status}`;
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterMs = response.status === 429 && Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.min(retryAfter, MAX_RETRY_AFTER_S) * 1000 : undefined;
  return new MissionControlError(response.status, message, call.method, call.path, isErrorBody(body) ? body : null, undefined, retryAfterMs);
}

/** A rate-limited call waits at most this long before its next attempt. */
const MAX_RETRY_AFTER_S = 60;

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const enc = encodeURIComponent;

function newKey(): string {
  return globalThis.crypto.randomUUID();
}

function describe(cause: unknown): string {
  const error = cause as { message?: string; cause?: { code?: string; message?: string } };
  const detail = error?.cause?.code ?? error?.cause?.message;
  return [error?.message ?? String(cause), detail].filter(Boolean).join(': ');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
