import { Module } from '@nestjs/common';
import { TokenRevocations } from './token-revocations';
import { TokensController } from './tokens.controller';
import { TokensRepository } from './tokens.repository';
import { TokensService } from './tokens.service';

/** Issued API tokens (agent and viewer): issue, list, revoke. Authentication itself is in `auth/`. */
@Module({
  controllers: [TokensController],
  providers: [TokensRepository, TokensService, TokenRevocations],
  exports: [TokensRepository, TokenRevocations],
})
export class TokensModule {}
