import { LIMITS, ListEventsQuery } from '@mission-control/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListEventsQueryDto implements ListEventsQuery {
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @IsInt()
  since?: number;

  @IsOptional()
  @MaxLength(LIMITS.id)
  @IsString()
  task_id?: string;

  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(LIMITS.eventsMax)
  @IsInt()
  limit?: number;
}
