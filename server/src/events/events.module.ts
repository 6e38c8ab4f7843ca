import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { DomainEventEntity } from './domain-event.entity';
import { EventBus } from './event-bus';
import { EVENT_FANOUT } from './event-fanout';
import { EventRetention } from './event-retention';
import { EventStreams } from './event-streams';
import { EventsController } from './events.controller';
import { OutboxRecorder } from './outbox-recorder';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';
import { RealtimeStats } from './realtime-stats';
import { RealtimeGateway } from './realtime.gateway';
import { RedisFanout } from './redis-fanout';
import { SseController } from './sse.controller';
import { SseTransport } from './sse.transport';
import { WsTransport } from './ws.transport';

/**
 * Everything between a committed change and a screen: the outbox (recorded through the transaction
 * runner's hook), the relay and the bus, fan-out to other instances, replay, and the transports that
 * carry events to clients — Socket.IO, Server-Sent Events and a plain WebSocket. It knows no feature.
 */
@Module({
  imports: [DatabaseModule, AuthModule, TypeOrmModule.forFeature([DomainEventEntity])],
  controllers: [EventsController, SseController],
  providers: [
    OutboxRepository,
    OutboxRecorder,
    OutboxRelay,
    EventBus,
    {
      provide: EVENT_FANOUT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.redisUrl ? RedisFanout.connect(config.redisUrl, config.redisChannel) : null),
    },
    EventStreams,
    RealtimeGateway,
    SseTransport,
    WsTransport,
    EventRetention,
    RealtimeStats,
  ],
  exports: [EventStreams, RealtimeStats, EventRetention],
})
export class EventsModule {}
