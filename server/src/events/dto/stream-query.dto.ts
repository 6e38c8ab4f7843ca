import { LIMITS } from '@mission-control/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** `?task_id=` follows one task; `?since=` replays after a sequence number (as `Last-Event-ID` does). */
export class StreamQueryDto {
  @IsOptional()
  @MaxLength(LIMITS.id)
  @IsString()
  task_id?: string;

  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @IsInt()
  since?: number;

  @IsOptional()
  @IsString()
  token?: string;
}
