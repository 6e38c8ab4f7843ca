import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { MissionEvent } from '@mission-control/shared';
import { randomUUID } from 'node:crypto';
import { connectRedis, RedisClient } from '../common/redis-client';
import { EventFanout } from './event-fanout';

interface Envelope {
  origin: string;
  events: MissionEvent[];
}

/** Redis pub/sub between instances: each publishes what it commits and relays what the others commit. */
export class RedisFanout implements EventFanout, OnApplicationShutdown {
  private readonly logger = new Logger(RedisFanout.name);
  private readonly origin = randomUUID();
  private handler: (events: MissionEvent[]) => void = () => undefined;

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly channel: string,
  ) {}

  /** Fails within seconds, naming REDIS_URL, when Redis cannot be reached at start-up. */
  static async connect(url: string, channel: string): Promise<RedisFanout> {
    const logger = new Logger(RedisFanout.name);
    const logError = (error: Error) => logger.error(`Redis: ${error.message}`);
    const publisher = await connectRedis(url, 'sharing events between instances', logError);
    const subscriber = publisher.duplicate();
    subscriber.on('error', logError);
    await subscriber.connect();
    const fanout = new RedisFanout(publisher, subscriber, channel);
    await subscriber.subscribe(channel, (message) => fanout.receive(message));
    return fanout;
  }

  send(events: MissionEvent[]): void {
    const envelope: Envelope = { origin: this.origin, events };
    this.publisher.publish(this.channel, JSON.stringify(envelope)).catch((error: Error) => {
      // Other instances fill the gap from the outbox when the next event reaches them.
      this.logger.error(`Could not publish events to Redis: ${error.message}`);
    });
  }

  onEvents(handler: (events: MissionEvent[]) => void): void {
    this.handler = handler;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private receive(message: string): void {
    try {
      const envelope = JSON.parse(message) as Envelope;
      if (envelope.origin !== this.origin) this.handler(envelope.events);
    } catch (error) {
      this.logger.error(`Ignored a malformed message on ${this.channel}: ${(error as Error).message}`);
    }
  }
}
