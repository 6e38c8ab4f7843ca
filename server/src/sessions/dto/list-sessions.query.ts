import { LIMITS, ListSessionsQuery, SESSION_STATUSES, SESSION_TYPES, SessionStatus, SessionType } from '@mission-control/shared';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LimitQueryDto } from '../../common/query.dto';

export class ListSessionsQueryDto extends LimitQueryDto implements ListSessionsQuery {
  @IsOptional()
  @IsIn(SESSION_TYPES)
  session_type?: SessionType;

  @IsOptional()
  @IsIn(SESSION_STATUSES)
  status?: SessionStatus;

  @IsOptional()
  @MaxLength(LIMITS.id)
  @IsString()
  task_id?: string;
}
