import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentEntity } from './agent.entity';
import { AgentsRepository } from './agents.repository';

/** The agents table, for every module that reads or changes agents. */
@Module({
  imports: [TypeOrmModule.forFeature([AgentEntity])],
  providers: [AgentsRepository],
  exports: [AgentsRepository],
})
export class AgentRecordsModule {}
