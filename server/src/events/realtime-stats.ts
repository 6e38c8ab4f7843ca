import { Injectable } from '@nestjs/common';
import { RealtimeConnections } from '@mission-control/shared';
import { EventBus } from './event-bus';
import { EventStreams } from './event-streams';
import { RealtimeGateway } from './realtime.gateway';
import { SseTransport } from './sse.transport';
import { WsTransport } from './ws.transport';

/** Open connections per transport and listeners on the bus: what the health check reports. */
@Injectable()
export class RealtimeStats {
  constructor(
    private readonly bus: EventBus,
    private readonly streams: EventStreams,
    private readonly gateway: RealtimeGateway,
    private readonly sse: SseTransport,
    private readonly ws: WsTransport,
  ) {}

  snapshot(): RealtimeConnections {
    const socketio = this.gateway.stats();
    return {
      socketio: socketio.sockets,
      socketio_catching_up: socketio.catchingUp,
      sse: this.sse.openCount,
      ws: this.ws.openCount,
      streams: this.streams.openCount,
      bus_listeners: this.bus.listenerCount,
    };
  }
}
