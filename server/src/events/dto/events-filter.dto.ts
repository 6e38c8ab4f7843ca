import { LIMITS } from '@mission-control/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** `?since=` (events after this sequence number) and `?task_id=` (one task's events), for replay and streams. */
export class EventsFilterDto {
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @IsInt()
  since?: number;

  @IsOptional()
  @MaxLength(LIMITS.id)
  @IsString()
  task_id?: string;
}
