import { AGENT_STATUSES, AgentStatus, LIMITS, UpdateAgentBody } from '@mission-control/shared';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Absentable } from '../../common/validation';

export class UpdateAgentDto implements UpdateAgentBody {
  @Absentable()
  @IsNotEmpty()
  @MaxLength(LIMITS.name)
  @IsString()
  name?: string;

  @IsOptional()
  @MaxLength(LIMITS.role)
  @IsString()
  role?: string | null;

  @IsOptional()
  @MaxLength(LIMITS.description)
  @IsString()
  description?: string | null;

  @Absentable()
  @IsNotEmpty()
  @MaxLength(LIMITS.emoji)
  @IsString()
  avatar_emoji?: string;

  @Absentable()
  @IsIn(AGENT_STATUSES)
  status?: AgentStatus;

  @Absentable()
  @IsBoolean()
  is_master?: boolean;
}
