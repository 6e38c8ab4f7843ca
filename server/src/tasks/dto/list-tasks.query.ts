import { LIMITS, ListTasksQuery, TASK_STATUSES, TaskStatus } from '@mission-control/shared';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LimitQueryDto } from '../../common/query.dto';

export class ListTasksQueryDto extends LimitQueryDto implements ListTasksQuery {
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @IsOptional()
  @MaxLength(LIMITS.id)
  @IsString()
  assigned_agent_id?: string;
}
