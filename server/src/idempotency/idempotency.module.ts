import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from '../database/database.module';
import { IdempotencyHook } from './idempotency-hook';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyPruner } from './idempotency-pruner';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRepository } from './idempotency.repository';

/** `Idempotency-Key` on every write route: the interceptor, the key store, and its hook into every transaction. */
@Module({
  imports: [DatabaseModule, TypeOrmModule.forFeature([IdempotencyKeyEntity])],
  providers: [IdempotencyRepository, IdempotencyHook, IdempotencyPruner, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
})
export class IdempotencyModule {}
