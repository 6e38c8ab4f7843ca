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
  ) {
    super(message);
  }

  /** A network failure or a 5xx: the same call may succeed later. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
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
