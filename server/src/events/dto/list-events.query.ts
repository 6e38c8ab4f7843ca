import { LIMITS, ListEventsQuery } from '@mission-control/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { EventsFilterDto } from './events-filter.dto';

export class ListEventsQueryDto extends EventsFilterDto implements ListEventsQuery {
  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(LIMITS.eventsMax)
  @IsInt()
  limit?: number;
}
