import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { connectRedis, RedisClient } from '../common/redis-client';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * Counts hits in one fixed window per key, and blocks a key that went over for `blockDuration`.
 * One script, so concurrent instances never race between INCR and PEXPIRE. Times in milliseconds.
 */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return { tonumber(ARGV[2]) + 1, redis.call('PTTL', KEYS[1]), 1, blocked }
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return { hits, ttl, 1, tonumber(ARGV[3]) }
end
return { hits, ttl, 0, 0 }`;

/**
 * `@nestjs/throttler` storage on Redis, so every instance of a deployment counts against the same
 * limit. Written on the project's `redis` v6 client: the published throttler storages for Redis
 * depend on ioredis, a second Redis client for one script.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);

  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  /** Fails within seconds, naming REDIS_URL, when Redis cannot be reached at start-up. */
  static async connect(url: string, prefix: string): Promise<RedisThrottlerStorage> {
    const logger = new Logger(RedisThrottlerStorage.name);
    const client = await connectRedis(url, 'shared rate limits', (error) => logger.error(`Redis: ${error.message}`));
    return new RedisThrottlerStorage(client, prefix);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    let reply: number[];
    try {
      reply = (await this.client.eval(INCREMENT, {
        keys: [base, `${base}:blocked`],
        arguments: [String(ttl), String(limit), String(blockDuration)],
      })) as number[];
    } catch (error) {
      // Redis away: serve unlimited rather than fail every request with a 500; the outage is logged.
      this.logger.warn(`Rate limit not counted (Redis: ${(error as Error).message})`);
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
    const [totalHits, expiresInMs, blocked, blockedForMs] = reply.map(Number);
    return {
      totalHits,
      timeToExpire: Math.max(0, Math.ceil(expiresInMs / 1000)),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.max(0, Math.ceil(blockedForMs / 1000)),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client.isOpen) await this.client.quit().catch(() => undefined);
  }
}
