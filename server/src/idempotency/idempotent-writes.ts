import { Injectable } from '@nestjs/common';
import { LIMITS } from '@mission-control/shared';
import { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions, onSendHookHandler } from 'fastify';
import { createHash } from 'node:crypto';
import { Authenticator } from '../auth/authenticator';
import { presentedBearer } from '../auth/authorization';
import { Principal, setPrincipal } from '../auth/principal';
import { errorBody } from '../common/error-body';
import { pathOf } from '../common/request-path';
import { UnitOfWork } from '../database/unit-of-work';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyClaim, idempotencyContext, isExpired } from './idempotency-context';
import { IdempotencyRepository } from './idempotency.repository';
import { KeyedLock } from './keyed-lock';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** Routes that answer by themselves (the MCP endpoint hands its response to the SDK). */
const UNWRAPPED = /^\/api\/mcp/;

/** A keyed request on its way: answered once its response is stored (or it ended another way). */
interface Pending {
  claim: IdempotencyClaim;
  settle: () => void;
}

/**
 * A write sent again with the same `Idempotency-Key` on the same method and path gets the first
 * response back and writes nothing; the same key with another body is a 422. Requests with one key
 * run one after another in this process, so a duplicate waits for the first and then replays it.
 *
 * Wrapped around each write route as Fastify adds it, rather than a Nest interceptor: any global interceptor
 * puts every request through Nest's RxJS interceptor chain, about a quarter of a write's CPU (BENCHMARKS.md);
 * this costs a header lookup for requests without a key. The caller is authenticated here to scope its keys
 * (one token's key is not another's response); one that proves nothing goes on to the guard's 401.
 */
@Injectable()
export class IdempotentWrites {
  private readonly lock = new KeyedLock();
  private readonly pending = new WeakMap<FastifyRequest, Pending>();

  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly uow: UnitOfWork,
    private readonly authenticator: Authenticator,
  ) {}

  /** Wraps every write route added from now on. */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      if (![route.method].flat().some((method) => WRITE_METHODS.has(method)) || UNWRAPPED.test(route.url)) return;
      this.wrap(route);
    });
  }

  private wrap(route: RouteOptions): void {
    const handler = route.handler;
    const writes = this;
    route.handler = function (this: FastifyInstance, req, reply) {
      if (req.headers[IDEMPOTENCY_HEADER] === undefined || !WRITE_METHODS.has(req.method)) return handler.call(this, req, reply);
      return writes.handle(req, reply, () => handler.call(this, req, reply));
    };
    // Callback style: a response without a key passes straight through (no promise per request).
    const onSend: onSendHookHandler = (req, reply, payload, done) => {
      const pending = this.pending.get(req);
      if (!pending) return done(null, payload);
      this.pending.delete(req);
      this.onKeyedSend(pending, reply, payload).then((sent) => done(null, sent), done);
    };
    route.onSend = [...[route.onSend ?? []].flat(), onSend];
  }

  private async handle(req: FastifyRequest, reply: FastifyReply, run: () => unknown): Promise<void> {
    const principal = await this.authenticator.authenticate(presentedBearer(req.headers.authorization));
    // The access guard takes it from here instead of looking the token up again.
    setPrincipal(req, principal);
    if (!principal) return void (await run());
    const header = req.headers[IDEMPOTENCY_HEADER];
    const key = Array.isArray(header) ? header[0] : header!;
    if (key.trim() === '' || key.length > LIMITS.id) {
      return void reply.code(400).send(errorBody(400, `Idempotency-Key must be a non-empty string of at most ${LIMITS.id} characters`));
    }
    const path = pathOf(req);
    const claim: IdempotencyClaim = {
      // Per principal too: a key another token used is not this caller's first response to replay.
      id: sha256(`${scopeOf(principal)} ${req.method} ${path} ${key}`),
      key,
      method: req.method,
      path,
      requestHash: sha256(stableJson(req.body ?? null)),
      // The route's status (Nest sets it before the handler runs), until the handler changes it.
      get statusCode() {
        return reply.statusCode;
      },
      stored: false,
    };
    await this.lock.run(claim.id, () => this.handleOnce(claim, req, reply, run));
  }

  private async handleOnce(claim: IdempotencyClaim, req: FastifyRequest, reply: FastifyReply, run: () => unknown): Promise<void> {
    const earlier = await this.keys.findById(claim.id);
    if (earlier && !isExpired(earlier.created_at)) return void reply.send(replay(earlier, claim, reply));
    const answered = new Promise<void>((settle) => {
      this.pending.set(req, { claim, settle });
      // Whatever happens to the response, the next request with this key is not kept waiting.
      reply.raw.once('close', settle);
    });
    await idempotencyContext.run(claim, async () => run());
    await answered;
  }

  /**
   * The response of a keyed write on its way out: kept as it is sent (status, and body after serialization) once
   * the write committed; replaced by the stored one when another instance stored the key first (the write rolled back).
   */
  private async onKeyedSend({ claim, settle }: Pending, reply: FastifyReply, payload: unknown): Promise<unknown> {
    try {
      const stored = claim.taken ? await this.keys.findById(claim.id) : null;
      if (stored) return replay(stored, claim, reply);
      if (claim.stored) {
        const body = typeof payload === 'string' && payload !== '' ? payload : null;
        await this.uow.run((tx) => this.keys.setResponse(tx, claim.id, reply.statusCode, body));
      }
      return payload;
    } finally {
      settle();
    }
  }
}

/** Sets up `reply` as the stored response (or the 422 for a different body) and returns the body to send. */
function replay(stored: IdempotencyKeyEntity, claim: IdempotencyClaim, reply: FastifyReply): string | undefined {
  reply.type('application/json; charset=utf-8');
  if (stored.request_hash !== claim.requestHash) {
    const message = `Idempotency-Key "${claim.key}" was already used on ${claim.method} ${claim.path} with a different request body; use a new key for a different request`;
    reply.code(422);
    return JSON.stringify(errorBody(422, message));
  }
  reply.code(stored.status_code).header(REPLAYED_HEADER, 'true');
  return stored.response_body ?? undefined;
}

/** Whose keys these are: one issued token, the operator, or (open server) everybody. */
function scopeOf(principal: Principal): string {
  if (principal.tokenId) return `token:${principal.tokenId}`;
  return principal.role === 'operator' ? 'operator' : 'nobody';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so the same body always hashes the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
