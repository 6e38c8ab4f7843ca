import { LIMITS, TASK_PRIORITIES, TASK_STATUSES, TaskPriority, TaskStatus, UpdateTaskBody } from '@mission-control/shared';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Absentable, IsOptionalId } from '../../common/validation';

export class UpdateTaskDto implements UpdateTaskBody {
  @Absentable()
  @IsNotEmpty()
  @MaxLength(LIMITS.title)
  @IsString()
  title?: string;

  @IsOptional()
  @MaxLength(LIMITS.description)
  @IsString()
  description?: string | null;

  @Absentable()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @Absentable()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @IsOptionalId()
  assigned_agent_id?: string | null;

  @IsOptional()
  @IsISO8601({ strict: true })
  due_date?: string | null;

  @IsOptionalId()
  agent_id?: string | null;
}
