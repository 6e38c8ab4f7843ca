import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathOf } from './request-path';

const SERVER_PATHS = /^\/(api|socket\.io)(\/|$)/i;
const ONE_HOUR_MS = 3_600_000;

/**
 * Serves the built Angular client, and its index.html for any other page path so `/tasks/:id`
 * survives a reload. API paths never fall through to the client (nor cost a file lookup).
 */
export async function serveClient(app: NestFastifyApplication, dist: string): Promise<void> {
  const root = path.resolve(dist);
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    new Logger('Client').warn(`No built client at ${dist}: run "npm run build" to serve the dashboard`);
    return;
  }
  await app.register(fastifyStatic, { root, serve: false, index: false, maxAge: ONE_HOUR_MS });
  app.getHttpAdapter().getInstance().get('/*', (req, reply) => serve(req, reply, root));
}

async function serve(req: FastifyRequest, reply: FastifyReply, root: string): Promise<FastifyReply> {
  const urlPath = pathOf(req);
  if (SERVER_PATHS.test(urlPath)) return notFound(reply);
  const file = await existingFile(root, urlPath);
  if (file) return reply.sendFile(file);
  if (!acceptsHtml(req.headers.accept)) return notFound(reply);
  return reply.header('Cache-Control', 'no-cache').sendFile('index.html', { maxAge: 0, cacheControl: false });
}

/** The application's 404 (the same as for an unknown API path). */
function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/** The file under `root` this path names, relative to it, or null (directories and escapes included). */
async function existingFile(root: string, urlPath: string): Promise<string | null> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return null;
  }
  const absolute = path.resolve(root, relative);
  if (relative === '' || !absolute.startsWith(root + path.sep)) return null;
  const stat = await fs.promises.stat(absolute).catch(() => null);
  return stat?.isFile() ? relative : null;
}

function acceptsHtml(accept: string | undefined): boolean {
  return accept === undefined || accept === '' || /(^|,)\s*(text\/html|text\/\*|\*\/\*)/i.test(accept);
}
