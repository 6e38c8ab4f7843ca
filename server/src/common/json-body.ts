import { BadRequestException } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The one route that also takes an array (a batch of activities). */
const ARRAY_BODY_PATH = /^\/api\/tasks\/[^/]+\/activities\/?$/i;

/**
 * Reads every request body as JSON whatever its content type: `fetch(url, {body: JSON.stringify(x)})`
 * sends `text/plain`, and the original spec's orchestrator does exactly that. A write's body must be a JSON
 * object (or, on the activities route, an array); an empty body is no body. Fastify refuses a body over
 * `MC_BODY_LIMIT` with a 413 before it gets here. What this refuses goes through the exception filter like any error.
 */
export function useJsonBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (req, text, done) => {
    if (typeof text !== 'string' || text.trim() === '') return done(null, undefined);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return done(new BadRequestException(`Malformed JSON body: ${(error as Error).message}`), undefined);
    }
    const path = req.url.split('?', 1)[0];
    const isObject = typeof body === 'object' && body !== null && (!Array.isArray(body) || (req.method === 'POST' && ARRAY_BODY_PATH.test(path)));
    if (WRITE_METHODS.has(req.method) && !isObject) return done(new BadRequestException('Request body must be a JSON object'), undefined);
    done(null, body);
  });
}
