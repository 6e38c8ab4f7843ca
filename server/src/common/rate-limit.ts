import { INestApplication } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { errorBody } from './error-body';

const WINDOW_MS = 60_000;

/**
 * `MC_RATE_LIMIT` requests per minute per API token, or per client address without one (fixed window).
 * The health check and the dashboard's static files are not counted.
 */
export function useRateLimit(app: INestApplication, perMinute: number): void {
  if (perMinute <= 0) return;
  let windowStart = Date.now();
  let counts = new Map<string, number>();
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/') || req.path === '/api/health') return next();
    const now = Date.now();
    if (now - windowStart >= WINDOW_MS) {
      windowStart = now;
      counts = new Map();
    }
    const key = req.headers.authorization ?? `ip:${req.socket.remoteAddress}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > perMinute) {
      const retryAfter = Math.ceil((windowStart + WINDOW_MS - now) / 1000);
      res.setHeader('Retry-After', String(retryAfter));
      res.status(429).json(errorBody(429, `Rate limit of ${perMinute} requests per minute exceeded; retry in ${retryAfter} s`));
      return;
    }
    next();
  });
}
