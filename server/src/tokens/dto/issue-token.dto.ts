import { IssueTokenBody, LIMITS, TOKEN_ROLES, TokenRole } from '@mission-control/shared';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOptionalId } from '../../common/validation';

export class IssueTokenDto implements IssueTokenBody {
  @IsIn(TOKEN_ROLES)
  role: TokenRole;

  @IsOptionalId()
  agent_id?: string | null;

  @IsOptional()
  @MaxLength(LIMITS.name)
  @IsString()
  label?: string | null;
}
