import { INestApplication } from '@nestjs/common';
import { NextFunction, Request, Response, json } from 'express';
import { errorBody } from './error-body';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The one route that also takes an array (a batch of activities). */
const ARRAY_BODY_PATH = /^\/api\/tasks\/[^/]+\/activities\/?$/;

/**
 * Reads every request body as JSON whatever its content type: `fetch(url, {body: JSON.stringify(x)})`
 * sends `text/plain`, and the original spec's orchestrator does exactly that.
 */
export function useJsonBodies(app: INestApplication, limit: string): void {
  app.use(json({ type: () => true, limit, strict: false }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const body: unknown = req.body;
    const isObject = typeof body === 'object' && body !== null && (!Array.isArray(body) || (req.method === 'POST' && ARRAY_BODY_PATH.test(req.path)));
    if (WRITE_METHODS.has(req.method) && body !== undefined && !isObject) {
      res.status(400).json(errorBody(400, 'Request body must be a JSON object'));
      return;
    }
    next();
  });
  app.use((error: { type?: string; status?: number; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (error?.type === 'entity.parse.failed') {
      res.status(400).json(errorBody(400, `Malformed JSON body: ${error.message}`));
    } else if (error?.type === 'entity.too.large') {
      res.status(413).json(errorBody(413, `Request body is larger than the ${limit} limit`));
    } else if (error?.status && error.status >= 400 && error.status < 500) {
      res.status(error.status).json(errorBody(error.status, error.message ?? 'Bad request'));
    } else {
      next(error);
    }
  });
}
