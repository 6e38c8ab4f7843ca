import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DatabaseModule } from '../database/database.module';
import { TokensModule } from '../tokens/tokens.module';
import { AccessGuard } from './access.guard';
import { Authenticator } from './authenticator';
import { LinkSigner } from './link-signer';
import { Lockouts } from './lockouts';
import { RATE_WINDOW_MS, rateLimitMessage } from './rate-limit';
import { RedisThrottlerStorage } from './redis-throttler-storage';
import { StreamAccess } from './stream-access';

/**
 * Who is calling and what they may do: the global AccessGuard (authentication, rate limits, roles) on
 * every REST route, StreamAccess for the event transports, LinkSigner for deliverable links.
 * Imported by the app, the event transports and deliverables.
 */
@Module({
  imports: [
    DatabaseModule,
    TokensModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => ({
        throttlers: [{ ttl: RATE_WINDOW_MS, limit: Math.max(1, config.rateLimit) }],
        storage: config.redisUrl && config.rateLimit > 0 ? await RedisThrottlerStorage.connect(config.redisUrl, `${config.redisChannel}:rate:`) : undefined,
        errorMessage: (_context, detail) => rateLimitMessage(detail.limit, detail.timeToBlockExpire),
      }),
    }),
  ],
  providers: [Authenticator, LinkSigner, Lockouts, StreamAccess, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [Authenticator, LinkSigner, StreamAccess],
})
export class AuthModule {}
