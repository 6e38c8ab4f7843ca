import { DestroyRef, Injectable, InjectionToken, inject, signal } from '@angular/core';
import {
  BOARD_ROOM,
  ErrorBody,
  EventType,
  MissionEvent,
  MissionEventOfType,
  SOCKET_ERROR,
  SOCKET_READY,
  SOCKET_SUBSCRIBE,
  SOCKET_UNSUBSCRIBE,
  SocketAuth,
  SocketReady,
  SocketSubscription,
} from '@mission-control/shared';
import { Observable, Subject, filter } from 'rxjs';
import { io, ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { API_TOKEN } from './api-token';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface RealtimeReady {
  lastSeq: number;
  /** True when the connection resumed from a known seq (the server replayed what was missed). */
  resumed: boolean;
}

export type SocketFactory = (options: Partial<ManagerOptions & SocketOptions>) => Socket;

/** How the service opens its socket; tests replace it. Same origin, default path `/socket.io`. */
export const SOCKET_FACTORY = new InjectionToken<SocketFactory>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (options) => io(options),
});

/** Reconnect attempts after which the header says "offline" rather than "reconnecting" (it keeps trying). */
const OFFLINE_AFTER_ATTEMPTS = 4;
const SEEN_SEQ_MEMORY = 2000;
const SERVER_CLOSE_RETRY_MS = 1000;

/**
 * The one door through which server events enter the client: a Socket.IO connection turned into typed
 * Observables. It remembers the last seq it saw and hands it to the server on every reconnect, so the
 * server replays what was missed; it also drops an event it has already delivered.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly createSocket = inject(SOCKET_FACTORY);
  private readonly token = inject(API_TOKEN);
  private readonly state = signal<ConnectionState>('connecting');
  private readonly joined = signal<readonly string[]>([]);
  private readonly lastSeqSeen = signal<number | null>(null);
  private readonly eventsSubject = new Subject<MissionEvent>();
  private readonly readySubject = new Subject<RealtimeReady>();
  private readonly seen = new Set<number>();
  private socket: Socket | null = null;
  private refused = false;
  /** One entry per `ready` the server owes us (handshake or subscribe): was it a resume? */
  private readonly expectedReadies: boolean[] = [];

  readonly connectionState = this.state.asReadonly();
  readonly rooms = this.joined.asReadonly();
  readonly lastSeq = this.lastSeqSeen.asReadonly();
  /** Every event, once, in the order the server sent it. */
  readonly events$: Observable<MissionEvent> = this.eventsSubject.asObservable();
  /** The server finished replaying and is now live. */
  readonly ready$: Observable<RealtimeReady> = this.readySubject.asObservable();

  constructor() {
    const goOffline = () => this.state.set('offline');
    const goOnline = () => {
      if (this.socket && !this.socket.connected) {
        this.state.set('reconnecting');
        this.socket.connect();
      }
    };
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', goOffline);
      window.addEventListener('online', goOnline);
    }
    inject(DestroyRef).onDestroy(() => {
      if (typeof window !== 'undefined') {
        window.removeEventListener('offline', goOffline);
        window.removeEventListener('online', goOnline);
      }
      this.socket?.disconnect();
      this.eventsSubject.complete();
      this.readySubject.complete();
    });
  }

  /** The events of the given types, typed by the shared event map. */
  on<T extends EventType>(...types: T[]): Observable<MissionEventOfType<T>> {
    return this.events$.pipe(filter((event): event is MissionEventOfType<T> & MissionEvent => types.includes(event.type as T)));
  }

  /** Follow exactly these rooms (`board`, or `task:<id>` for a focused view). Connects on first use. */
  useRooms(rooms: readonly string[]): void {
    const previous = this.joined();
    this.joined.set([...rooms]);
    if (!this.socket) {
      this.connect();
      return;
    }
    if (!this.socket.connected) {
      return; // the next handshake sends the new rooms
    }
    for (const room of previous.filter((r) => !rooms.includes(r))) {
      this.socket.emit(SOCKET_UNSUBSCRIBE, room satisfies SocketSubscription);
    }
    const lastSeq = this.lastSeqSeen();
    for (const room of rooms.filter((r) => !previous.includes(r))) {
      const subscription: SocketSubscription = lastSeq === null ? room : { room, lastSeq };
      this.expectedReadies.push(lastSeq !== null);
      this.socket.emit(SOCKET_SUBSCRIBE, subscription);
    }
  }

  /** Feed one event through the door (the socket does this; exposed for the stores' tests). */
  receive(event: MissionEvent): void {
    if (typeof event?.seq !== 'number' || this.seen.has(event.seq)) {
      return;
    }
    this.seen.add(event.seq);
    if (this.seen.size > SEEN_SEQ_MEMORY) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    const last = this.lastSeqSeen();
    if (last === null || event.seq > last) {
      this.lastSeqSeen.set(event.seq);
    }
    this.eventsSubject.next(event);
  }

  private connect(): void {
    const socket = this.createSocket({
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      // Called before every (re)connection: resume from the last seq seen, in the rooms followed now.
      auth: (callback: (auth: SocketAuth) => void) => callback(this.handshakeAuth()),
    });
    this.socket = socket;
    this.state.set('connecting');

    socket.on('connect', () => this.state.set('live'));
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') {
        this.state.set('offline');
        return;
      }
      if (reason === 'io server disconnect') {
        // The server closed it and socket.io will not retry on its own. A refused token stays refused.
        if (this.refused) {
          this.state.set('offline');
          return;
        }
        this.state.set('reconnecting');
        setTimeout(() => socket.connect(), SERVER_CLOSE_RETRY_MS);
        return;
      }
      this.state.set('reconnecting');
    });
    socket.on('connect_error', () => {
      if (!socket.active) {
        this.state.set('offline'); // refused by the server (e.g. a bad token): no automatic retry
      }
    });
    socket.on(SOCKET_ERROR, (error: ErrorBody | null) => {
      if (error?.statusCode === 401 || error?.statusCode === 403) this.refused = true; // the server disconnects next
      this.state.set('offline');
    });
    socket.on('connect', () => (this.refused = false));
    socket.io.on('reconnect_attempt', (attempt) => {
      this.state.set(attempt >= OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting');
    });
    socket.on(SOCKET_READY, (ready: SocketReady) => this.handleReady(ready));
    socket.onAny((name: string, event: MissionEvent) => {
      if (name !== SOCKET_READY && event && typeof event === 'object' && event.type === name) {
        this.receive(event);
      }
    });
  }

  private handleReady(ready: SocketReady): void {
    let resumed = this.expectedReadies.shift() ?? false;
    if (ready?.reset) {
      // The server has no record of our resume point (another database, or pruned events): start over.
      this.seen.clear();
      this.lastSeqSeen.set(ready.lastSeq);
      resumed = false;
    } else {
      const last = this.lastSeqSeen();
      if (typeof ready?.lastSeq === 'number' && (last === null || ready.lastSeq > last)) {
        this.lastSeqSeen.set(ready.lastSeq);
      }
    }
    this.state.set('live');
    this.readySubject.next({ lastSeq: this.lastSeqSeen() ?? 0, resumed });
  }

  private handshakeAuth(): SocketAuth {
    const auth: SocketAuth = { rooms: [...(this.joined().length ? this.joined() : [BOARD_ROOM])] };
    const lastSeq = this.lastSeqSeen();
    this.expectedReadies.length = 0; // a new connection: readies owed by the old one never come
    this.expectedReadies.push(lastSeq !== null);
    if (lastSeq !== null) {
      auth.lastSeq = lastSeq;
    }
    const token = this.token();
    if (token) {
      auth.token = token;
    }
    return auth;
  }
}
