import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { IdempotencyHook } from './idempotency-hook';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyPruner } from './idempotency-pruner';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotentWrites } from './idempotent-writes';

/** `Idempotency-Key` on every write route: the route wrapper (installed by the app), the key store, and its hook into every transaction. */
@Module({
  imports: [DatabaseModule, AuthModule, TypeOrmModule.forFeature([IdempotencyKeyEntity])],
  providers: [IdempotencyRepository, IdempotencyHook, IdempotencyPruner, IdempotentWrites],
})
export class IdempotencyModule {}
