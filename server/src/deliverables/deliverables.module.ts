import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { TaskRecordsModule } from '../tasks/task-records.module';
import { DeliverableContentService } from './deliverable-content.service';
import { DeliverableEntity } from './deliverable.entity';
import { DeliverablesController } from './deliverables.controller';
import { DeliverablesRepository } from './deliverables.repository';
import { DeliverablesService } from './deliverables.service';

@Module({
  imports: [DatabaseModule, AuthModule, TypeOrmModule.forFeature([DeliverableEntity]), TaskRecordsModule],
  controllers: [DeliverablesController],
  providers: [DeliverablesRepository, DeliverablesService, DeliverableContentService],
})
export class DeliverablesModule {}
