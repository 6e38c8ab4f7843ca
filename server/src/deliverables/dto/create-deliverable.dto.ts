import { CreateDeliverableBody, DELIVERABLE_TYPES, DeliverableType, LIMITS } from '@mission-control/shared';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateDeliverableDto implements CreateDeliverableBody {
  @IsIn(DELIVERABLE_TYPES)
  deliverable_type: DeliverableType;

  @IsNotEmpty()
  @MaxLength(LIMITS.title)
  @IsString()
  title: string;

  @IsOptional()
  @IsNotEmpty()
  @MaxLength(LIMITS.path)
  @IsString()
  path?: string | null;

  @IsOptional()
  @MaxLength(LIMITS.description)
  @IsString()
  description?: string | null;
}
