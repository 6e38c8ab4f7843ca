import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { bearerToken, isAuthorized } from './authorization';

/** Paths a browser opens without being able to set a header (EventSource, WebSocket, a link to a file). */
const QUERY_TOKEN_PATHS = [/^\/api\/events\/stream\/?$/, /^\/api\/ws\/?$/, /^\/api\/deliverables\/[^/]+\/content\/?$/];

/**
 * With `MC_API_TOKEN` set, every REST call but `GET /api/health` needs `Authorization: Bearer <token>`
 * (or `?token=` on the paths above). Socket.IO and the other transports check for themselves.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.apiToken || context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method === 'GET' && /^\/api\/health\/?$/.test(req.path)) return true;
    const header = req.headers.authorization;
    const token = header !== undefined ? bearerToken(header) : queryToken(req);
    if (isAuthorized(this.config, token)) return true;
    throw new UnauthorizedException(
      header === undefined && token === null ? 'Missing API token: send "Authorization: Bearer <token>"' : 'Invalid API token',
    );
  }
}

function queryToken(req: Request): string | null {
  if (!QUERY_TOKEN_PATHS.some((pattern) => pattern.test(req.path))) return null;
  const token = req.query.token;
  return typeof token === 'string' ? token : null;
}
