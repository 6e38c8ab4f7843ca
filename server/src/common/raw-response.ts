import { FastifyReply } from 'fastify';
import { ServerResponse } from 'node:http';

/**
 * Takes a response over from Fastify, for code that writes to Node's response itself (an event stream, the MCP
 * SDK): Fastify lets go of it, and the headers set so far (security headers, CORS) are carried over.
 */
export function takeOver(reply: FastifyReply): ServerResponse {
  reply.hijack();
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
  return reply.raw;
}
