import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  BOARD_ROOM,
  MissionEvent,
  SOCKET_READY,
  SOCKET_SUBSCRIBE,
  SOCKET_UNSUBSCRIBE,
  SocketAuth,
  SocketReady,
  SocketSubscription,
  taskRoom,
} from '@mission-control/shared';
import { Server, Socket } from 'socket.io';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EventBus } from './event-bus';
import { EventStreams } from './event-streams';
import { StreamAccess } from '../auth/stream-access';
import { isRoomName, originAllowed } from './realtime-access';

/** Sockets that are being replayed to are kept out of live broadcasts until they have caught up. */
const CATCHING_UP = 'catching-up';

interface CatchUp {
  socket: Socket;
  buffer: MissionEvent[];
}

/**
 * The Socket.IO transport. Live events are broadcast once per event to the rooms `board` and
 * `task:<id>`; a socket that asks for a replay (`auth.lastSeq`, or `subscribe` with `lastSeq`) gets the
 * stored events first and the live ones it missed meanwhile, in order and without duplicates.
 */
// destroyUpgrade: false leaves other upgrade paths (the plain WebSocket at /api/ws) to their own handler.
@WebSocketGateway({ destroyUpgrade: false, serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly catchingUp = new Map<string, CatchUp>();
  private unsubscribe: (() => void) | null = null;

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
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async handleConnection(socket: Socket): Promise<void> {
    const auth = (socket.handshake.auth ?? {}) as SocketAuth;
    const queryToken = socket.handshake.query.token;
    const principal = await this.access.authenticate(auth.token ?? (typeof queryToken === 'string' ? queryToken : null), socket.handshake.address).catch(() => null);
    if (!principal) {
      socket.emit('error_message', { statusCode: 401, error: 'Unauthorized', message: 'A valid API token is required' });
      socket.disconnect(true);
      return;
    }
    const unwatch = this.access.watch(principal, () => {
      socket.emit('error_message', { statusCode: 401, error: 'Unauthorized', message: 'API token revoked' });
      socket.disconnect(true);
    });
    socket.once('disconnect', unwatch);
    const rooms = Array.isArray(auth.rooms) ? auth.rooms.filter(isRoomName) : [BOARD_ROOM];
    await this.join(socket, rooms, toSeq(auth.lastSeq));
  }

  handleDisconnect(socket: Socket): void {
    this.catchingUp.delete(socket.id);
  }

  @SubscribeMessage(SOCKET_SUBSCRIBE)
  async subscribe(socket: Socket, subscription: SocketSubscription): Promise<{ ok: boolean; room?: string; message?: string }> {
    const { room, lastSeq } = typeof subscription === 'string' ? { room: subscription, lastSeq: undefined } : (subscription ?? { room: '' });
    if (!isRoomName(room)) return { ok: false, message: `Unknown room "${room}": use "${BOARD_ROOM}" or "task:<id>"` };
    await this.join(socket, [room], toSeq(lastSeq));
    return { ok: true, room };
  }

  @SubscribeMessage(SOCKET_UNSUBSCRIBE)
  unsubscribeRoom(socket: Socket, subscription: SocketSubscription): { ok: boolean; room: string } {
    const room = typeof subscription === 'string' ? subscription : subscription?.room;
    socket.leave(room);
    return { ok: true, room };
  }

  /** Live sockets, sockets still catching up, and this transport's bus listener: for leak checks. */
  stats(): { sockets: number; catchingUp: number } {
    return { sockets: this.server?.of('/').sockets.size ?? 0, catchingUp: this.catchingUp.size };
  }

  private broadcast(event: MissionEvent): void {
    const rooms = event.task_id ? [BOARD_ROOM, taskRoom(event.task_id)] : [BOARD_ROOM];
    this.server.to(rooms).except(CATCHING_UP).emit(event.type, event);
    for (const pending of this.catchingUp.values()) {
      if (rooms.some((room) => pending.socket.rooms.has(room))) pending.buffer.push(event);
    }
  }

  /** Joins run one at a time per socket, so a `subscribe` sent during a replay waits for it to finish. */
  private join(socket: Socket, rooms: string[], since: number | undefined): Promise<void> {
    const previous: Promise<void> = socket.data.joining ?? Promise.resolve();
    const current = previous.then(() => this.joinNow(socket, rooms, since));
    socket.data.joining = current;
    return current;
  }

  private async joinNow(socket: Socket, rooms: string[], since: number | undefined): Promise<void> {
    if (since === undefined) {
      socket.join(rooms);
      socket.emit(SOCKET_READY, { lastSeq: await this.streams.latestSeq() } satisfies SocketReady);
      return;
    }
    const replayable = await this.streams.canReplayFrom(since);
    if (!replayable.ok) {
      socket.join(rooms);
      socket.emit(SOCKET_READY, { lastSeq: replayable.latest, reset: true } satisfies SocketReady);
      return;
    }
    const pending: CatchUp = { socket, buffer: [] };
    this.catchingUp.set(socket.id, pending);
    socket.join([CATCHING_UP, ...rooms]);
    try {
      const wanted = (event: MissionEvent) => rooms.includes(BOARD_ROOM) || (event.task_id !== null && rooms.includes(taskRoom(event.task_id)));
      let last = since;
      const replayed = new Set<number>();
      // Board replays read everything; a task room reads only its task's events.
      const taskId = rooms.includes(BOARD_ROOM) || rooms.length !== 1 ? undefined : rooms[0].slice('task:'.length);
      await this.streams.replay(since, taskId, (event) => {
        if (!wanted(event) || !socket.connected) return;
        socket.emit(event.type, event);
        replayed.add(event.seq);
        last = event.seq;
      });
      // Live events that arrived during the replay and were not part of it (a socket already in other
      // rooms buffers their events too, so compare by sequence number, not by position).
      for (const event of pending.buffer) {
        if (event.seq > since && !replayed.has(event.seq)) {
          socket.emit(event.type, event);
          last = Math.max(last, event.seq);
        }
      }
      socket.emit(SOCKET_READY, { lastSeq: last } satisfies SocketReady);
    } catch (error) {
      this.logger.error(`Replay for socket ${socket.id} failed: ${(error as Error).message}`);
      socket.disconnect(true);
    } finally {
      this.catchingUp.delete(socket.id);
      socket.leave(CATCHING_UP);
    }
  }
}

function toSeq(value: unknown): number | undefined {
  const seq = typeof value === 'string' ? Number(value) : value;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : undefined;
}
