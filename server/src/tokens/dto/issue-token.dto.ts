import { IssueTokenBody, LIMITS, TOKEN_ROLES, TokenRole } from '@mission-control/shared';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class IssueTokenDto implements IssueTokenBody {
  @IsIn(TOKEN_ROLES)
  role: TokenRole;

  @IsOptional()
  @IsNotEmpty()
  @MaxLength(LIMITS.id)
  @IsString()
  agent_id?: string | null;

  @IsOptional()
  @MaxLength(LIMITS.name)
  @IsString()
  label?: string | null;
}
