import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response, static as serveStatic } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SERVER_PATHS = /^\/(api|socket\.io)(\/|$)/;

/**
 * Serves the built Angular client, and its index.html for any other page path so `/tasks/:id`
 * survives a reload. API paths never fall through to the client.
 */
export function serveClient(app: NestExpressApplication, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    new Logger('Client').warn(`No built client at ${dist}: run "npm run build" to serve the dashboard`);
    return;
  }
  const files = serveStatic(dist, { index: false, maxAge: '1h' });
  // API requests skip the file lookup (a stat on disk per request otherwise).
  app.use((req: Request, res: Response, next: NextFunction) => (SERVER_PATHS.test(req.path) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
