import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor, UnprocessableEntityException } from '@nestjs/common';
import { LIMITS } from '@mission-control/shared';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Observable, defer, lastValueFrom } from 'rxjs';
import { Principal, pathOf, principalOf } from '../auth/principal';
import { UnitOfWork } from '../database/unit-of-work';
import { KeyedLock } from './keyed-lock';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyClaim, IdempotencyKeyTaken, idempotencyContext, isExpired } from './idempotency-context';
import { IdempotencyRepository } from './idempotency.repository';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * A write sent again with the same `Idempotency-Key` on the same method and path gets the first
 * response back and writes nothing; the same key with another body is a 422. Requests with one key
 * run one after another in this process, so a duplicate waits for the first and then replays it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly uow: UnitOfWork,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const res = context.switchToHttp().getResponse<FastifyReply>();
    const header = req.headers[IDEMPOTENCY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined || !WRITE_METHODS.has(req.method)) return next.handle();
    if (key.trim() === '' || key.length > LIMITS.id) {
      throw new BadRequestException(`Idempotency-Key must be a non-empty string of at most ${LIMITS.id} characters`);
    }
    const path = pathOf(req);
    const claim: IdempotencyClaim = {
      // Per principal too: a key another token used is not this caller's first response to replay.
      id: sha256(`${scopeOf(principalOf(req))} ${req.method} ${path} ${key}`),
      key,
      method: req.method,
      path,
      requestHash: sha256(stableJson(req.body ?? null)),
      statusCode: res.statusCode,
      stored: false,
    };
    return defer(() => this.lock.run(claim.id, () => this.handleOnce(claim, res, next)));
  }

  private async handleOnce(claim: IdempotencyClaim, res: FastifyReply, next: CallHandler): Promise<unknown> {
    const earlier = await this.keys.findById(claim.id);
    if (earlier && !isExpired(earlier.created_at)) return this.replay(earlier, claim, res);
    let body: unknown;
    try {
      body = await idempotencyContext.run(claim, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTaken)) throw error;
      const stored = await this.keys.findById(claim.id);
      if (!stored) throw error;
      return this.replay(stored, claim, res);
    }
    if (claim.stored) {
      // Store the response exactly as it is sent (status set by the handler, body after mapping).
      await this.uow.run((tx) => this.keys.setResponse(tx, claim.id, res.statusCode, body === undefined ? null : JSON.stringify(body)));
    }
    return body;
  }

  private replay(stored: IdempotencyKeyEntity, claim: IdempotencyClaim, res: FastifyReply): unknown {
    if (stored.request_hash !== claim.requestHash) {
      throw new UnprocessableEntityException(
        `Idempotency-Key "${claim.key}" was already used on ${claim.method} ${claim.path} with a different request body; use a new key for a different request`,
      );
    }
    res.status(stored.status_code);
    res.header(REPLAYED_HEADER, 'true');
    return stored.response_body === null ? undefined : JSON.parse(stored.response_body);
  }
}

/** Whose keys these are: one issued token, the operator, or (open server) everybody. */
function scopeOf(principal: Principal | null): string {
  if (principal?.tokenId) return `token:${principal.tokenId}`;
  return principal?.role === 'operator' ? 'operator' : 'nobody';
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
