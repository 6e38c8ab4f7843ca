import { OUTPUT_LIMITS, ReadOutputQuery } from '@mission-control/shared';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export class ReadOutputQueryDto implements ReadOutputQuery {
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @IsInt()
  after?: number;

  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @IsInt()
  before?: number;

  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  tail?: boolean;

  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(OUTPUT_LIMITS.pageMax)
  @IsInt()
  limit?: number;
}
