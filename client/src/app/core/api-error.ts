import { HttpErrorResponse } from '@angular/common/http';
import { ErrorBody } from '@mission-control/shared';

/** A failed REST call, with the server's message (`ErrorBody.message`) when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(response: HttpErrorResponse): ApiError {
    const body = response.error as Partial<ErrorBody> | string | null;
    if (response.status === 0) {
      return new ApiError(0, 'The server cannot be reached');
    }
    if (body && typeof body === 'object' && typeof body.message === 'string') {
      return new ApiError(response.status, body.message);
    }
    if (typeof body === 'string' && body.length > 0 && body.length < 300) {
      return new ApiError(response.status, body);
    }
    return new ApiError(response.status, `${response.status} ${response.statusText || 'Request failed'}`);
  }
}
