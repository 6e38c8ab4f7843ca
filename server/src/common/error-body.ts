import { HttpStatus } from '@nestjs/common';
import { ErrorBody } from '@mission-control/shared';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one error body: `{statusCode, error, message}`. */
export function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: REASONS[statusCode] ?? HttpStatus[statusCode] ?? 'Error', message };
}
