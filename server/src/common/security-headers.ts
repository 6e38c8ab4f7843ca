import { INestApplication } from '@nestjs/common';
import helmet from 'helmet';

/**
 * Standard security headers (helmet) on every response. The CSP fits the Angular build: its scripts and
 * styles are files of this origin, components set inline styles, and the live connection (Socket.IO,
 * WebSocket) goes to this origin too ('self' covers ws:/wss: of the same host). No
 * upgrade-insecure-requests: on a LAN without TLS it would break every asset. A deliverable's content
 * replaces the CSP with `sandbox allow-scripts` (see DeliverablesController).
 */
export function useSecurityHeaders(app: INestApplication): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
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
    }),
  );
}
