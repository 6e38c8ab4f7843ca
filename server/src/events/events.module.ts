import { Module } from '@nestjs/common';
import { EventRetention } from './event-retention';
import { EventStreams } from './event-streams';
import { EventsController } from './events.controller';
import { RealtimeStats } from './realtime-stats';
import { RealtimeGateway } from './realtime.gateway';
import { SseTransport } from './sse.transport';
import { SseController } from './sse.controller';
import { WsTransport } from './ws.transport';

/** The transports that carry the bus to clients: Socket.IO, Server-Sent Events and a plain WebSocket. */
@Module({
  controllers: [EventsController, SseController],
  providers: [EventStreams, RealtimeGateway, SseTransport, WsTransport, EventRetention, RealtimeStats],
  exports: [EventStreams, RealtimeStats, EventRetention],
})
export class EventsModule {}
