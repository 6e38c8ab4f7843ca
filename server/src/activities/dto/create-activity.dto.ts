import { ACTIVITY_TYPES, ActivityType, CreateActivityBody, LIMITS } from '@mission-control/shared';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsJsonObject } from '../../common/validation';

export class CreateActivityDto implements CreateActivityBody {
  @IsIn(ACTIVITY_TYPES)
  activity_type: ActivityType;

  @IsNotEmpty()
  @MaxLength(LIMITS.message)
  @IsString()
  message: string;

  @IsOptional()
  @IsNotEmpty()
  @MaxLength(LIMITS.id)
  @IsString()
  agent_id?: string | null;

  @IsOptional()
  @IsJsonObject(LIMITS.metadataBytes)
  metadata?: Record<string, unknown> | null;
}
