import { MissionEvent } from '@mission-control/shared';
import { EventEmitter } from 'node:events';
import { Socket } from 'socket.io';
import { BoundedConnection } from './connection-buffer';

/** The parts of engine.io's connection this file reads: its queue, its transport and that transport's WebSocket. */
interface EngineConnection extends EventEmitter {
  readyState: string;
  transport: EventEmitter & { socket?: { bufferedAmount?: number; terminate?: () => void } };
  close(discard?: boolean): void;
}

interface EnginePacket {
  data?: unknown;
}

const packetBytes = (packet: EnginePacket): number => {
  const data = packet.data;
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
};

/**
 * One Socket.IO socket with a bound on unsent data. Live events reach it through room broadcasts (each
 * packet encoded once for every socket), so the bound is kept where every packet passes: engine.io's
 * `packetCreate` adds to what the socket holds, `flush` moves it to the transport, whose WebSocket
 * reports what the kernel has not taken yet. Past the bound the socket is disconnected and its
 * transport destroyed at once, dropping what it held; nothing is written to it afterwards.
 */
export class SocketIoConnection extends BoundedConnection {
  /** Bytes in engine.io's write buffer (waiting for the transport). */
  private queued = 0;
  private readonly conn: EngineConnection;

  constructor(
    private readonly socket: Socket,
    limitBytes: number,
  ) {
    super(limitBytes);
    this.conn = socket.conn as unknown as EngineConnection;
    this.conn.on('packetCreate', (packet: EnginePacket) => {
      const bytes = packetBytes(packet);
      this.queued += bytes;
      this.written += bytes;
      // Not inside the broadcast that is writing this packet: cut right after it.
      if (!this.closed && this.unsent() > this.limitBytes) process.nextTick(() => this.cut(`more than ${this.limitBytes} bytes unsent`));
    });
    this.conn.on('flush', (packets: EnginePacket[]) => {
      for (const packet of packets) this.queued -= packetBytes(packet);
    });
    socket.on('disconnect', () => this.markClosed());
  }

  unsent(): number {
    return Math.max(0, this.queued) + (this.conn.transport?.socket?.bufferedAmount ?? 0);
  }

  protected send(event: MissionEvent): void {
    this.socket.emit(event.type, event);
  }

  protected terminate(): void {
    const websocket = this.conn.transport?.socket;
    this.socket.disconnect(true);
    // engine.io would wait for its buffer to drain before closing: discard it instead.
    this.conn.close(true);
    websocket?.terminate?.();
  }

  protected drainSources(): EventEmitter[] {
    return this.conn.transport ? [this.conn, this.conn.transport] : [this.conn];
  }
}
