import { BadRequestException } from '@nestjs/common';
import { LIMITS } from '@mission-control/shared';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pathOf } from './request-path';

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
    if (nestedDeeperThan(text, LIMITS.jsonDepth)) {
      return done(new BadRequestException(`Request body is nested more than ${LIMITS.jsonDepth} levels deep`), undefined);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return done(new BadRequestException(`Malformed JSON body: ${(error as Error).message}`), undefined);
    }
    const isObject = typeof body === 'object' && body !== null && (!Array.isArray(body) || (req.method === 'POST' && ARRAY_BODY_PATH.test(pathOf(req))));
    if (WRITE_METHODS.has(req.method) && !isObject) return done(new BadRequestException('Request body must be a JSON object'), undefined);
    done(null, body);
  });
}

/**
 * Whether JSON text nests objects and arrays more than `max` deep, read without parsing. JSON.parse takes any depth,
 * but validation, hashing and serialization recurse: a megabyte of `[` would overflow their stack (a 500).
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = ['"', '\\', '{', '}', '[', ']'].map((c) => c.charCodeAt(0));
