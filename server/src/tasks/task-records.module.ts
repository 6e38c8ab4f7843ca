import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TaskEntity } from './task.entity';
import { TasksRepository } from './tasks.repository';

/** The tasks table, for every module that reads or changes tasks. */
@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity])],
  providers: [TasksRepository],
  exports: [TasksRepository],
})
export class TaskRecordsModule {}
