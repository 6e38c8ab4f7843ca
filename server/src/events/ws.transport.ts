import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MissionEvent, WsReset } from '@mission-control/shared';
import { EventEmitter } from 'node:events';
import { IncomingMessage, Server, STATUS_CODES } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { errorBody } from '../common/error-body';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { bearerToken } from '../auth/authorization';
import { Admission, StreamAccess } from '../auth/stream-access';
import { BoundedConnection } from './connection-buffer';
import { EventStream, EventStreams } from './event-streams';
import { jsonFrame } from './frame-cache';
import { originAllowed } from './realtime-access';
import { parseSeq } from './seq';

const READ_FAILED = 'The event store cannot be read right now; reconnect to resume';

export const WS_PATH = '/api/ws';

/** "Try again later": the close code for a client cut for holding too much unsent data. */
const CLOSE_TRY_AGAIN_LATER = 1013;
/** After the close frame, how long a cut client has to go before its socket is destroyed (its unsent data with it). */
const CUT_GRACE_MS = 1_000;

/** One `/api/ws` client with a bound on unsent data; past it closed with 1013 and never written again. */
class WsConnection extends BoundedConnection {
  constructor(
    readonly client: WebSocket,
    limitBytes: number,
  ) {
    super(limitBytes);
    client.on('close', () => this.markClosed());
  }

  unsent(): number {
    return this.client.bufferedAmount;
  }

  /** Says why the connection stops, in the one error shape, and closes it. */
  fail(statusCode: number, message: string, code = 1011): void {
    if (this.closed) return;
    this.client.send(JSON.stringify(errorBody(statusCode, message)));
    this.markClosed();
    this.client.close(code, message.slice(0, 120));
  }

  protected send(event: MissionEvent): void {
    if (this.client.readyState !== WebSocket.OPEN) return;
    const frame = jsonFrame(event);
    this.written += frame.length;
    this.client.send(frame, { binary: false });
  }

  protected terminate(): void {
    this.client.close(CLOSE_TRY_AGAIN_LATER, 'Client too slow: reconnect with ?since=<last seq>');
    setTimeout(() => this.client.terminate(), CUT_GRACE_MS).unref();
  }

  protected drainSources(): EventEmitter[] {
    const socket = (this.client as unknown as { _socket?: EventEmitter })._socket;
    return socket ? [this.client, socket] : [this.client];
  }
}

/**
 * The plain WebSocket at `/api/ws`: one JSON `MissionEvent` per message, for clients written against
 * the original spec's snippet. `?task_id=` follows one task, `?since=<seq>` replays first.
 */
@Injectable()
export class WsTransport implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WsTransport.name);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly connections = new Set<WsConnection>();
  private heartbeat: NodeJS.Timeout | null = null;
  private server: Server | null = null;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    void this.upgrade(req, socket, head).catch((error: Error) => {
      this.logger.error(`WebSocket upgrade failed: ${error.message}`);
      socket.destroy();
    });

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly streams: EventStreams,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: StreamAccess,
  ) {}

  get openCount(): number {
    return this.connections.size;
  }

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.onUpgrade);
    // Connections that stop answering pings, or stop reading what they hold, are dropped.
    const alive = new WeakSet<WebSocket>();
    this.heartbeat = setInterval(() => {
      for (const connection of this.connections) {
        connection.checkStalled();
        if (connection.closed) continue;
        if (!alive.has(connection.client)) {
          connection.client.terminate();
          continue;
        }
        alive.delete(connection.client);
        connection.client.ping();
      }
    }, this.config.sseKeepAliveMs);
    this.heartbeat.unref();
    this.wss.on('connection', (client: WebSocket) => {
      alive.add(client);
      client.on('pong', () => alive.add(client));
    });
  }

  beforeApplicationShutdown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.server?.off('upgrade', this.onUpgrade);
    for (const client of this.wss.clients) {
      // One that still holds unsent data would keep the server from closing: drop it.
      if (client.bufferedAmount > 0) client.terminate();
      else client.close(1001, 'Server shutting down');
    }
    this.wss.close();
  }

  /**
   * Authentication for `/api/ws`, in one place: the origin, then `?token=` or `Authorization: Bearer`
   * (the handshake counts against the caller's rate limit like a request).
   */
  private async admit(req: IncomingMessage, url: URL): Promise<Admission | { statusCode: 403; message: string }> {
    if (!originAllowed(req.headers, this.config)) return { statusCode: 403, message: 'Forbidden origin' };
    const token = url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
    return this.access.admit(token, req.socket.remoteAddress);
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return; // Socket.IO handles its own path.
    socket.on('error', (error) => this.logger.warn(`WebSocket upgrade socket error: ${error.message}`));
    const reject = (status: number, message: string, retryAfter?: number) => {
      const body = JSON.stringify(errorBody(status, message));
      const wait = retryAfter ? `Retry-After: ${retryAfter}\r\n` : '';
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${wait}Connection: close\r\n\r\n${body}`,
      );
    };
    const access = await this.admit(req, url);
    if (!('principal' in access)) return reject(access.statusCode, access.message, 'retryAfter' in access ? access.retryAfter : undefined);
    if (socket.destroyed) return;
    const since = parseSeq(url.searchParams.get('since'));
    if (since === null) return reject(400, 'since must be an event sequence number');
    const taskId = url.searchParams.get('task_id') ?? undefined;
    let start: { since: number | undefined; resetTo: number | null } | null = null;
    try {
      start = await this.streams.startingPoint(since);
    } catch (error) {
      this.logger.error(`Opening a WebSocket stream failed: ${(error as Error).message}`);
      // said on the socket below, in the one shape, as a failed replay is
    }
    if (socket.destroyed) return;

    this.wss.handleUpgrade(req, socket, head, (client) => {
      this.wss.emit('connection', client, req);
      client.on('error', (error) => this.logger.warn(`WebSocket error: ${error.message}`));
      const connection = new WsConnection(client, this.config.clientBufferBytes);
      this.connections.add(connection);
      const unwatch = this.access.watch(access.principal, () => connection.fail(401, 'API token revoked', 1008));
      let stream: EventStream | null = null;
      connection.onClosed(() => {
        unwatch();
        stream?.close();
        this.connections.delete(connection);
      });
      if (!start) return connection.fail(503, READ_FAILED);
      if (start.resetTo !== null) client.send(JSON.stringify({ type: 'reset', lastSeq: start.resetTo } satisfies WsReset));
      stream = this.streams.openStream({ sink: connection, since: start.since, taskId });
      stream.ready.catch((error: Error) => {
        this.logger.error(`Replay for a WebSocket failed: ${error.message}`);
        connection.fail(503, READ_FAILED);
      });
    });
  }
}
