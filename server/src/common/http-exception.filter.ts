import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { constraintViolation } from '../database/constraint-errors';
import { errorBody } from './error-body';

/** Gives every failed request the same body and hides the internals of unexpected errors. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  /** `bodyLimit`: MC_BODY_LIMIT as written, to name it when a body is refused for its size. */
  constructor(private readonly bodyLimit: string) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent || reply.raw.headersSent) return;
    const { status, message } = describe(exception, this.bodyLimit);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    void reply.code(status).send(errorBody(status, message));
  }
}

function describe(exception: unknown, bodyLimit: string): { status: number; message: string } {
  if (exception instanceof HttpException) {
    // The one 413: Fastify refused a body over the limit (its own words do not say which).
    if (exception.getStatus() === 413) return { status: 413, message: `Request body is larger than the ${bodyLimit} limit` };
    const body = exception.getResponse();
    const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
    return { status: exception.getStatus(), message };
  }
  const refused = constraintViolation(exception);
  if (refused) return refused;
  // Errors thrown before the route, such as the body parser's, carry their own status.
  const status = (exception as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, message: (exception as Error).message };
  }
  return { status: 500, message: 'Internal server error' };
}
