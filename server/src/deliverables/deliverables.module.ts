import { Module } from '@nestjs/common';
import { DeliverableContentService } from './deliverable-content.service';
import { DeliverablesController } from './deliverables.controller';
import { DeliverablesService } from './deliverables.service';

@Module({
  controllers: [DeliverablesController],
  providers: [DeliverablesService, DeliverableContentService],
})
export class DeliverablesModule {}
