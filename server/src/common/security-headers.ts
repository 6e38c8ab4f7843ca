import { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';

/**
 * The one inline handler of the Angular build: critical-CSS inlining loads the full stylesheet with
 * `<link media="print" onload="this.media='all'">`. Allowed by its hash, so no other inline script runs.
 */
const ANGULAR_STYLESHEET_ONLOAD = "'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='";

/**
 * Standard security headers (helmet) on every response; a header a route sets itself wins. The CSP fits the
 * Angular build: its scripts and styles are files of this origin, components set inline styles, and the live
 * connection (Socket.IO, WebSocket) goes to this origin too ('self' covers ws:/wss: of the same host). No
 * upgrade-insecure-requests: on a LAN without TLS it would break every asset. A deliverable's content
 * replaces the CSP with `sandbox allow-scripts` (see DeliverablesController).
 */
export function useSecurityHeaders(app: NestFastifyApplication): void {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'unsafe-hashes'", ANGULAR_STYLESHEET_ONLOAD],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
  });
  // Built once and applied to Node's response (@fastify/helmet builds helmet anew for every request).
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (req, reply, done) => setHeaders(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
}
