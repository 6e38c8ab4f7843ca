import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { connectionRetryOptions } from './database-startup';
import { dataSourceOptions } from './data-source-options';
import { UnitOfWork } from './unit-of-work';
import { WriteLock } from './write-lock';

/**
 * The database, migrated on start-up, and the transaction runner. It knows no feature: each feature
 * module registers its own entities (`TypeOrmModule.forFeature`) and provides its own repository.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        ...connectionRetryOptions(config.databaseUrl),
        autoLoadEntities: true,
        migrationsRun: true,
        migrationsTransactionMode: 'each',
      }),
    }),
  ],
  providers: [WriteLock, UnitOfWork],
  exports: [WriteLock, UnitOfWork],
})
export class DatabaseModule {}
