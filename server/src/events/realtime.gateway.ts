import { HttpException, Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  BOARD_ROOM,
  ErrorBody,
  MissionEvent,
  SOCKET_ERROR,
  SOCKET_READY,
  SOCKET_SUBSCRIBE,
  SOCKET_UNSUBSCRIBE,
  SocketAck,
  SocketAuth,
  SocketReady,
  SocketSubscription,
  taskRoom,
} from '@mission-control/shared';
import { Server, Socket } from 'socket.io';
import { errorBody } from '../common/error-body';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Admission, StreamAccess } from '../auth/stream-access';
import { EventBus } from './event-bus';
import { EventStream, EventStreams } from './event-streams';
import { isRoomName, originAllowed } from './realtime-access';
import { parseSeq } from './seq';
import { SocketIoConnection } from './socketio-connection';

/** Sockets that are being replayed to are kept out of live broadcasts until they have caught up. */
const CATCHING_UP = 'catching-up';
const STORE_DOWN = 'The event store cannot be read right now; reconnect to resume';


interface SocketState {
  connection: SocketIoConnection;
  /** Joins run one at a time per socket, so a `subscribe` sent during a replay waits for it to finish. */
  joining: Promise<unknown>;
  stream: EventStream | null;
}

/**
 * The Socket.IO transport. Live events are broadcast once per event to the rooms `board` and
 * `task:<id>`; a socket that asks for a replay (`auth.lastSeq`, or `subscribe` with `lastSeq`) is fed by
 * the replay-then-live primitive until it has caught up, then rejoins the broadcasts. No handler lets an
 * error escape: the socket concerned gets `error_message` (or an error ack) and only it is closed.
 */
// destroyUpgrade: false leaves other upgrade paths (the plain WebSocket at /api/ws) to their own handler.
@WebSocketGateway({ destroyUpgrade: false, serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly catchingUp = new Set<string>();
  private readonly states = new Map<string, SocketState>();
  private unsubscribe: (() => void) | null = null;
  private ticker: NodeJS.Timeout | null = null;

  @WebSocketServer() server: Server;

  constructor(
    private readonly bus: EventBus,
    private readonly streams: EventStreams,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: StreamAccess,
  ) {}

  afterInit(server: Server): void {
    server.engine.opts.allowRequest = (req, callback) => {
      callback(null, originAllowed(req.headers, this.config));
    };
    this.unsubscribe = this.bus.subscribe((event) => this.broadcast(event));
    this.ticker = setInterval(() => {
      for (const state of this.states.values()) state.connection.checkStalled();
    }, this.config.sseKeepAliveMs);
    this.ticker.unref();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    if (this.ticker) clearInterval(this.ticker);
  }

  /**
   * Authentication for Socket.IO, in one place: `auth.token` or `?token=` (the origin was checked at the
   * handshake). The handshake counts against the caller's rate limit like a request.
   */
  private admit(socket: Socket): Promise<Admission> {
    const auth = (socket.handshake.auth ?? {}) as SocketAuth;
    const queryToken = socket.handshake.query.token;
    const token = auth.token ?? (typeof queryToken === 'string' ? queryToken : null);
    return this.access.admit(token, socket.handshake.address);
  }

  async handleConnection(socket: Socket): Promise<void> {
    try {
      socket.conn.on('error', (error: Error) => this.logger.warn(`Socket.IO transport error: ${error.message}`));
      const admitted = await this.admit(socket);
      if (!('principal' in admitted)) return this.fail(socket, admitted.statusCode, admitted.message);
      const { principal } = admitted;
      const unwatch = this.access.watch(principal, () => this.fail(socket, 401, 'API token revoked'));
      socket.once('disconnect', unwatch);
      const connection = new SocketIoConnection(socket, this.config.clientBufferBytes);
      this.states.set(socket.id, { connection, joining: Promise.resolve(), stream: null });
      const auth = (socket.handshake.auth ?? {}) as SocketAuth;
      const rooms = Array.isArray(auth.rooms) ? auth.rooms.filter(isRoomName) : [BOARD_ROOM];
      const failure = await this.join(socket, rooms, parseSeq(auth.lastSeq) ?? undefined);
      if (failure) this.fail(socket, failure.statusCode, failure.message);
    } catch (error) {
      this.logger.error(`Socket.IO connection failed: ${(error as Error).message}`);
      this.fail(socket, 500, 'The connection could not be set up');
    }
  }

  handleDisconnect(socket: Socket): void {
    this.states.get(socket.id)?.stream?.close();
    this.states.delete(socket.id);
    this.catchingUp.delete(socket.id);
  }

  @SubscribeMessage(SOCKET_SUBSCRIBE)
  async subscribe(socket: Socket, subscription: SocketSubscription): Promise<SocketAck> {
    try {
      const { room, lastSeq } = typeof subscription === 'string' ? { room: subscription, lastSeq: undefined } : (subscription ?? { room: '' });
      if (!isRoomName(room)) return refuse(400, `Unknown room "${String(room)}": use "${BOARD_ROOM}" or "task:<id>"`);
      const since = parseSeq(lastSeq);
      if (since === null) return refuse(400, 'lastSeq must be an event sequence number');
      const failure = await this.join(socket, [room], since);
      return failure ? { ok: false, ...failure } : { ok: true, room };
    } catch (error) {
      this.logger.error(`subscribe failed: ${(error as Error).message}`);
      return refuse(500, 'The subscription could not be made');
    }
  }

  @SubscribeMessage(SOCKET_UNSUBSCRIBE)
  unsubscribeRoom(socket: Socket, subscription: SocketSubscription): SocketAck {
    const room = typeof subscription === 'string' ? subscription : subscription?.room;
    if (!isRoomName(room)) return refuse(400, `Unknown room "${String(room)}": use "${BOARD_ROOM}" or "task:<id>"`);
    void socket.leave(room);
    return { ok: true, room };
  }

  /** Live sockets and sockets still catching up: for the health check and leak checks. */
  stats(): { sockets: number; catchingUp: number } {
    return { sockets: this.server?.of('/').sockets.size ?? 0, catchingUp: this.catchingUp.size };
  }

  private broadcast(event: MissionEvent): void {
    const rooms = event.task_id ? [BOARD_ROOM, taskRoom(event.task_id)] : [BOARD_ROOM];
    // No socket in these rooms (the adapter drops a room with its last socket): no packet to encode. Other
    // instances get their events through the relay, not through this adapter.
    const joined = this.server.sockets.adapter.rooms;
    if (!rooms.some((room) => joined.has(room))) return;
    this.server.to(rooms).except(CATCHING_UP).emit(event.type, event);
  }

  /** Sends the error in the one shape, then closes this socket only. */
  private fail(socket: Socket, statusCode: number, message: string): void {
    try {
      if (socket.connected) socket.emit(SOCKET_ERROR, errorBody(statusCode, message));
      socket.disconnect(true);
    } catch (error) {
      this.logger.warn(`Closing a failed socket: ${(error as Error).message}`);
    }
  }

  /** Resolves with the error to report, or null once the socket is in `rooms` and has been sent `ready`. */
  private join(socket: Socket, rooms: string[], since: number | undefined): Promise<ErrorBody | null> {
    const state = this.states.get(socket.id);
    if (!state) return Promise.resolve(errorBody(410, 'The socket is closed'));
    const current = state.joining.then(() => this.joinNow(socket, state, rooms, since));
    state.joining = current.catch(() => undefined);
    return current;
  }

  private async joinNow(socket: Socket, state: SocketState, rooms: string[], since: number | undefined): Promise<ErrorBody | null> {
    if (!socket.connected) return errorBody(410, 'The socket is closed');
    try {
      if (since === undefined) {
        const lastSeq = await this.streams.latestSeq();
        socket.join(rooms);
        socket.emit(SOCKET_READY, { lastSeq } satisfies SocketReady);
        return null;
      }
      const replayable = await this.streams.canReplayFrom(since);
      if (!replayable.ok) {
        socket.join(rooms);
        socket.emit(SOCKET_READY, { lastSeq: replayable.latest, reset: true } satisfies SocketReady);
        return null;
      }
      await this.replay(socket, state, rooms, since);
      return null;
    } catch (error) {
      if (error instanceof HttpException) return errorBody(error.getStatus(), error.message);
      this.logger.error(`Replay for socket ${socket.id} failed: ${(error as Error).message}`);
      return errorBody(503, STORE_DOWN);
    }
  }

  /** The replay-then-live primitive feeds the socket; at the switch it rejoins the room broadcasts. */
  private async replay(socket: Socket, state: SocketState, rooms: string[], since: number): Promise<void> {
    const inRooms = (names: Iterable<string>) => {
      const set = new Set(names);
      return (event: MissionEvent) => set.has(BOARD_ROOM) || (event.task_id !== null && set.has(taskRoom(event.task_id)));
    };
    const existing = [...socket.rooms].filter(isRoomName);
    const onlyTask = !rooms.includes(BOARD_ROOM) && rooms.length === 1 ? rooms[0].slice('task:'.length) : undefined;
    this.catchingUp.add(socket.id);
    socket.join([CATCHING_UP, ...rooms]);
    try {
      state.stream = this.streams.openStream({
        sink: state.connection,
        since,
        taskId: onlyTask,
        wants: inRooms(rooms),
        liveWants: existing.length ? inRooms([...existing, ...rooms]) : undefined,
        handoff: (lastSeq) => {
          this.catchingUp.delete(socket.id);
          socket.leave(CATCHING_UP);
          socket.emit(SOCKET_READY, { lastSeq } satisfies SocketReady);
        },
      });
      await state.stream.ready;
    } catch (error) {
      // Not caught up: leave the rooms this join added, so no live event arrives after a gap.
      for (const room of rooms) if (!existing.includes(room)) void socket.leave(room);
      throw error;
    } finally {
      // Closed already at the hand-off; not when the socket was cut or left mid-replay.
      state.stream?.close();
      state.stream = null;
      this.catchingUp.delete(socket.id);
      if (socket.rooms.has(CATCHING_UP)) socket.leave(CATCHING_UP);
    }
  }
}

function refuse(statusCode: number, message: string): SocketAck {
  return { ok: false, ...errorBody(statusCode, message) };
}
