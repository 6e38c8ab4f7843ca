import { Controller, Get, Query } from '@nestjs/common';
import { LIMITS, MissionEvent } from '@mission-control/shared';
import { UnitOfWork } from '../database/unit-of-work';
import { ListEventsQueryDto } from './dto/list-events.query';
import { OutboxRepository } from './outbox.repository';

/** Replays the outbox: every event after `since`, oldest first, `limit` at a time. */
@Controller('api/events')
export class EventsController {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly uow: UnitOfWork,
  ) {}

  @Get()
  list(@Query() query: ListEventsQueryDto): Promise<MissionEvent[]> {
    return this.uow.exclusive(() =>
      this.outbox.after({ since: query.since ?? 0, taskId: query.task_id, limit: query.limit ?? LIMITS.eventsDefault }),
    );
  }
}
