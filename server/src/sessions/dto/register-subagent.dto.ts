import { LIMITS, RegisterSubagentBody } from '@mission-control/shared';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class RegisterSubagentDto implements RegisterSubagentBody {
  @IsNotEmpty()
  @MaxLength(LIMITS.id)
  @IsString()
  openclaw_session_id: string;

  @IsNotEmpty()
  @MaxLength(LIMITS.name)
  @IsString()
  agent_name: string;

  @IsOptional()
  @MaxLength(LIMITS.channel)
  @IsString()
  channel?: string | null;

  @IsOptional()
  @IsNotEmpty()
  @MaxLength(LIMITS.message)
  @IsString()
  message?: string;
}
