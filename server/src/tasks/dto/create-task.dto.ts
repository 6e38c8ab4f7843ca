import { CreateTaskBody, LIMITS, TASK_PRIORITIES, TASK_STATUSES, TaskPriority, TaskStatus } from '@mission-control/shared';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOptionalId } from '../../common/validation';

export class CreateTaskDto implements CreateTaskBody {
  @IsNotEmpty()
  @MaxLength(LIMITS.title)
  @IsString()
  title: string;

  @IsOptional()
  @MaxLength(LIMITS.description)
  @IsString()
  description?: string | null;

  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @IsOptionalId()
  assigned_agent_id?: string | null;

  @IsOptionalId()
  created_by_agent_id?: string | null;

  @IsOptional()
  @IsISO8601({ strict: true })
  due_date?: string | null;
}
