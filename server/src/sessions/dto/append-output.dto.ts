import { AppendOutputBody, OUTPUT_LIMITS, OUTPUT_STREAMS, OutputStream } from '@mission-control/shared';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class AppendOutputDto implements AppendOutputBody {
  @MaxLength(OUTPUT_LIMITS.lineMax, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(OUTPUT_LIMITS.batchMax)
  @ArrayMinSize(1)
  @IsArray()
  lines: string[];

  @IsOptional()
  @IsIn(OUTPUT_STREAMS)
  stream?: OutputStream;

  @IsOptional()
  @IsIn(OUTPUT_STREAMS, { each: true })
  @IsArray()
  streams?: OutputStream[];
}
