import { ErrorBody } from '../errors/error.contract';

/**
 * A failed call: `status` is the HTTP status (0 when the server could not be reached), `message` the
 * server's own message when it sent the one error body.
 */
export class MissionControlError extends Error {
  override readonly name = 'MissionControlError';

  constructor(
    readonly status: number,
    message: string,
    readonly method: string,
    readonly path: string,
    readonly body: ErrorBody | null = null,
    override readonly cause?: unknown,
    /** From a 429's `Retry-After`: how long the server asks to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** A network failure, a 5xx, or a 429 (rate limited): the same call may succeed later. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).statusCode === 'number' &&
    typeof (value as ErrorBody).message === 'string'
  );
}
