import { LIMITS, SESSION_END_STATUSES, SessionEndStatus, UpdateSessionBody } from '@mission-control/shared';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class UpdateSessionDto implements UpdateSessionBody {
  @IsIn(SESSION_END_STATUSES)
  status: SessionEndStatus;

  @IsOptional()
  @MaxLength(LIMITS.summary)
  @IsString()
  summary?: string | null;
}
