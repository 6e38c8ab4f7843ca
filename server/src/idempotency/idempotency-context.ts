import { ConflictException } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';

/** Keys are kept at least this long; older ones are forgotten and pruned. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** The `Idempotency-Key` of the request being handled, claimed by its first write transaction. */
export interface IdempotencyClaim {
  /** Hash of method, path and key: the row id. */
  id: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  /** The status the response will have unless the handler changes it. */
  statusCode: number;
  /** Set once a transaction has stored the key (with the write it protects). */
  stored: boolean;
  /** Set when another request (another instance) had stored the key first: this one's write rolled back. */
  taken?: boolean;
}

export const idempotencyContext = new AsyncLocalStorage<IdempotencyClaim>();

/**
 * Thrown inside a transaction when the key was stored by another request first: the write is rolled back and
 * the response replaced by the stored one (see IdempotentWrites); a 409 if that ever cannot be done.
 */
export class IdempotencyKeyTaken extends ConflictException {
  constructor(readonly claimId: string) {
    super(`Idempotency key ${claimId} is already stored`);
  }
}

export const isExpired = (createdAt: string, at = Date.now()): boolean => createdAt < new Date(at - IDEMPOTENCY_RETENTION_MS).toISOString();
