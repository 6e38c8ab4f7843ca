import { TestBed } from '@angular/core/testing';
import { MissionEvent, SocketAuth } from '@mission-control/shared';
import { aTask, anEvent } from '../../testing/fixtures';
import { RealtimeService, SOCKET_FACTORY } from './realtime.service';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io-client Socket to drive the service. */
class FakeSocket {
  connected = false;
  active = true;
  readonly handlers = new Map<string, Handler[]>();
  readonly managerHandlers = new Map<string, Handler[]>();
  readonly emitted: [string, unknown][] = [];
  anyHandler: Handler | null = null;
  readonly io = { on: (name: string, handler: Handler) => this.add(this.managerHandlers, name, handler) };
  constructor(readonly options: { auth: (cb: (auth: SocketAuth) => void) => void }) {}
  on(name: string, handler: Handler) {
    this.add(this.handlers, name, handler);
    return this;
  }
  onAny(handler: Handler) {
    this.anyHandler = handler;
    return this;
  }
  emit(name: string, body: unknown) {
    this.emitted.push([name, body]);
    return this;
  }
  connect() {
    return this;
  }
  disconnect() {
    return this;
  }
  fire(name: string, ...args: unknown[]) {
    this.handlers.get(name)?.forEach((h) => h(...args));
  }
  fireManager(name: string, ...args: unknown[]) {
    this.managerHandlers.get(name)?.forEach((h) => h(...args));
  }
  handshake(): SocketAuth {
    let auth: SocketAuth = {};
    this.options.auth((a) => (auth = a));
    return auth;
  }
  private add(map: Map<string, Handler[]>, name: string, handler: Handler) {
    map.set(name, [...(map.get(name) ?? []), handler]);
    return this;
  }
}

describe('RealtimeService', () => {
  let sut: RealtimeService;
  let socket: FakeSocket;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        {
          provide: SOCKET_FACTORY,
          useValue: (options: FakeSocket['options']) => (socket = new FakeSocket(options)),
        },
      ],
    });
    sut = TestBed.inject(RealtimeService);
  });

  it('delivers each event once, typed by its name, and resumes from the last seq on reconnect', () => {
    const received: MissionEvent[] = [];
    sut.events$.subscribe((e) => received.push(e));
    sut.useRooms(['board']);
    expect(socket.handshake()).toEqual({ rooms: ['board'] });

    socket.connected = true;
    socket.fire('connect');
    expect(sut.connectionState()).toBe('live');
    const e7 = anEvent('task_created', aTask({ id: 'a' }), { seq: 7 });
    const e9 = anEvent('task_updated', aTask({ id: 'a', version: 2 }), { seq: 9 });
    socket.anyHandler!('task_created', e7);
    socket.anyHandler!('task_updated', e9);
    socket.anyHandler!('task_created', e7);

    expect(received.map((e) => e.seq)).toEqual([7, 9]);
    expect(sut.lastSeq()).toBe(9);

    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    expect(sut.connectionState()).toBe('reconnecting');
    expect(socket.handshake()).toEqual({ rooms: ['board'], lastSeq: 9 });
  });

  it('reports whether a ready followed a resumed or a fresh connection', () => {
    const readies: { resumed: boolean; lastSeq: number }[] = [];
    sut.ready$.subscribe((r) => readies.push(r));
    sut.useRooms(['board']);
    socket.handshake();
    socket.fire('ready', { lastSeq: 12 });
    socket.handshake();
    socket.fire('ready', { lastSeq: 12 });

    expect(readies).toEqual([
      { lastSeq: 12, resumed: false },
      { lastSeq: 12, resumed: true },
    ]);
  });

  it('starts over when the server cannot replay from our resume point (another database, pruned events)', () => {
    const readies: { resumed: boolean; lastSeq: number }[] = [];
    const received: MissionEvent[] = [];
    sut.ready$.subscribe((r) => readies.push(r));
    sut.events$.subscribe((e) => received.push(e));
    sut.useRooms(['board']);
    socket.handshake();
    socket.anyHandler!('task_created', anEvent('task_created', aTask({ id: 'a' }), { seq: 40 }));

    expect(socket.handshake()).toEqual({ rooms: ['board'], lastSeq: 40 });
    socket.fire('ready', { lastSeq: 3, reset: true });
    // not a resume: the stores reload from REST, and the new server's seq 4 is not mistaken for a duplicate
    expect(readies).toEqual([{ lastSeq: 3, resumed: false }]);
    expect(sut.lastSeq()).toBe(3);
    socket.anyHandler!('task_updated', anEvent('task_updated', aTask({ id: 'b' }), { seq: 4 }));
    expect(received.map((e) => e.seq)).toEqual([40, 4]);
    expect(socket.handshake()).toEqual({ rooms: ['board'], lastSeq: 4 });
  });

  it('switches rooms with subscribe / unsubscribe, resuming the new room from the last seq', () => {
    sut.useRooms(['board']);
    socket.connected = true;
    socket.anyHandler!('task_created', anEvent('task_created', aTask({ id: 'a' }), { seq: 4 }));

    sut.useRooms(['task:a']);

    expect(socket.emitted).toEqual([
      ['unsubscribe', 'board'],
      ['subscribe', { room: 'task:a', lastSeq: 4 }],
    ]);
    expect(sut.rooms()).toEqual(['task:a']);
  });

  it('says offline after repeated failed reconnects', () => {
    sut.useRooms(['board']);
    socket.fireManager('reconnect_attempt', 1);
    expect(sut.connectionState()).toBe('reconnecting');
    socket.fireManager('reconnect_attempt', 5);
    expect(sut.connectionState()).toBe('offline');
  });

  it('retries after the server closes the socket, but not after it refused the token', () => {
    vi.useFakeTimers();
    try {
      sut.useRooms(['board']);
      const connect = vi.spyOn(socket, 'connect');
      socket.fire('disconnect', 'io server disconnect');
      expect(sut.connectionState()).toBe('reconnecting');
      vi.advanceTimersByTime(1000);
      expect(connect).toHaveBeenCalledTimes(1);

      socket.fire('error_message', { statusCode: 401, error: 'Unauthorized', message: 'A valid API token is required' });
      socket.fire('disconnect', 'io server disconnect');
      vi.advanceTimersByTime(5000);
      expect(connect).toHaveBeenCalledTimes(1);
      expect(sut.connectionState()).toBe('offline');
    } finally {
      vi.useRealTimers();
    }
  });
});
