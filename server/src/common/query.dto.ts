import { LIMITS } from '@mission-control/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?limit=` for lists: everything up to 500 by default. */
export class LimitQueryDto {
  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(LIMITS.listMax)
  @IsInt()
  limit?: number;
}
