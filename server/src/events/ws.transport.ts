import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IncomingMessage, Server } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EventStreams } from './event-streams';
import { bearerToken } from '../auth/authorization';
import { StreamAccess } from '../auth/stream-access';
import { originAllowed } from './realtime-access';

export const WS_PATH = '/api/ws';

/**
 * The plain WebSocket at `/api/ws`: one JSON `MissionEvent` per message, for clients written against
 * the original spec's snippet. `?task_id=` follows one task, `?since=<seq>` replays first.
 */
@Injectable()
export class WsTransport implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WsTransport.name);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private heartbeat: NodeJS.Timeout | null = null;
  private server: Server | null = null;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head).catch(() => socket.destroy());

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly streams: EventStreams,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: StreamAccess,
  ) {}

  get openCount(): number {
    return this.wss.clients.size;
  }

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.onUpgrade);
    // Connections that stop answering pings are dropped, so a vanished client never holds a listener.
    const alive = new WeakSet<WebSocket>();
    this.heartbeat = setInterval(() => {
      for (const client of this.wss.clients) {
        if (!alive.has(client)) {
          client.terminate();
          continue;
        }
        alive.delete(client);
        client.ping();
      }
    }, this.config.sseKeepAliveMs);
    this.heartbeat.unref();
    this.wss.on('connection', (client) => {
      alive.add(client);
      client.on('pong', () => alive.add(client));
    });
  }

  beforeApplicationShutdown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.server?.off('upgrade', this.onUpgrade);
    for (const client of this.wss.clients) client.close(1001, 'Server shutting down');
    this.wss.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return; // Socket.IO handles its own path.
    // The token check is asynchronous: a client that resets meanwhile must not throw from an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    const reject = (status: number, message: string) => {
      socket.end(`HTTP/1.1 ${status} ${message}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${message}`);
    };
    if (!originAllowed(req.headers, this.config)) return reject(403, 'Forbidden origin');
    const principal = await this.access.authenticate(url.searchParams.get('token') ?? bearerToken(req.headers.authorization), req.socket.remoteAddress).catch(() => null);
    if (!principal) return reject(401, 'Unauthorized');
    const sinceParam = url.searchParams.get('since');
    const since = sinceParam === null ? undefined : Number(sinceParam);
    if (since !== undefined && (!Number.isInteger(since) || since < 0)) return reject(400, 'since must be an event sequence number');
    const taskId = url.searchParams.get('task_id') ?? undefined;

    this.wss.handleUpgrade(req, socket, head, (client) => {
      this.wss.emit('connection', client, req);
      const stream = this.streams.openStream({
        since,
        taskId,
        deliver: (event) => {
          if (client.readyState === WebSocket.OPEN) client.send(JSON.stringify(event));
        },
      });
      const unwatch = this.access.watch(principal, () => client.close(1008, 'API token revoked'));
      client.on('close', () => {
        unwatch();
        stream.close();
      });
      client.on('error', (error) => this.logger.warn(`WebSocket error: ${error.message}`));
      stream.ready.catch(() => client.close(1011, 'Replay failed'));
    });
  }
}
