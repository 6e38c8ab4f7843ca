import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentRecordsModule } from '../agents/agent-records.module';
import { DatabaseModule } from '../database/database.module';
import { ApiTokenEntity } from './api-token.entity';
import { TokenRevocations } from './token-revocations';
import { TokensController } from './tokens.controller';
import { TokensRepository } from './tokens.repository';
import { TokensService } from './tokens.service';

/** Issued API tokens (agent and viewer): issue, list, revoke. Authentication itself is in `auth/`. */
@Module({
  imports: [DatabaseModule, TypeOrmModule.forFeature([ApiTokenEntity]), AgentRecordsModule],
  controllers: [TokensController],
  providers: [TokensRepository, TokensService, TokenRevocations],
  exports: [TokensRepository, TokenRevocations],
})
export class TokensModule {}
