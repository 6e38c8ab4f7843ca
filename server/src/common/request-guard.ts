import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IncomingHttpHeaders } from 'node:http';
import { AppConfig } from '../config/app-config';
import { errorBody } from './error-body';
import { pathOf } from './request-path';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1'];
const ANY_ADDRESS = ['0.0.0.0', '::', '[::]'];

/**
 * Why a request must be refused (403), or null. A JSON body sent as text/plain needs no CORS preflight,
 * so a browser on another site could write to the API: browser requests must come from the server's own
 * origin or one in `CORS_ORIGINS`. A `Host` that is not the server's is refused too (DNS rebinding).
 * Agents and curl send no `Origin` and are not affected.
 */
export function refusal(headers: IncomingHttpHeaders, config: AppConfig): string | null {
  const host = headers.host ?? '';
  if (!hostAllowed(host, config)) return `Host ${host} is not this server (add it to MC_ALLOWED_HOSTS)`;
  const origin = headers.origin;
  if (!origin || config.corsOrigins.includes(origin)) return null;
  try {
    if (new URL(origin).host === host) return null;
  } catch {
    /* a malformed Origin is refused below */
  }
  return `Origin ${origin} is not allowed (add it to CORS_ORIGINS)`;
}

function hostAllowed(host: string, config: AppConfig): boolean {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (config.allowedHosts.includes(name)) return true;
  if (LOOPBACK_HOSTS.includes(name)) return true;
  // Listening on every address, the server has no single name to check against. Any name is safe only
  // when every request needs a token: a page reached through DNS rebinding cannot carry one. Without a
  // token (MC_ALLOW_NO_AUTH behind a proxy) only the names in MC_ALLOWED_HOSTS are accepted.
  if (ANY_ADDRESS.includes(config.host)) return config.allowedHosts.length === 0 && config.apiToken !== null;
  return name === config.host.toLowerCase();
}

/** Applies `refusal` to every HTTP request, answers CORS for the origins in `CORS_ORIGINS`, and any other OPTIONS with `Allow`. */
export function useRequestGuard(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    const refused = refusal(req.headers, config);
    if (refused) return void reply.code(403).send(errorBody(403, refused));
    const origin = req.headers.origin;
    if (origin && config.corsOrigins.includes(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Vary', 'Origin');
      reply.header('Access-Control-Expose-Headers', 'Retry-After');
      if (req.method === 'OPTIONS') {
        reply.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
        reply.header('Access-Control-Allow-Headers', 'Content-Type, Authorization, Idempotency-Key, If-Match, Last-Event-ID');
        reply.header('Access-Control-Max-Age', '600');
        return void reply.code(204).send();
      }
    }
    if (req.method === 'OPTIONS') {
      // Any other OPTIONS: the methods this path takes (a path that is no route stays a 404).
      const url = pathOf(req);
      const allowed = ROUTE_METHODS.filter((method) => fastify.findRoute({ method, url }));
      if (allowed.length > 0) return void reply.code(204).header('Allow', allowed.join(', ')).send();
    }
    done();
  });
}

const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
