import { AGENT_STATUSES, AgentStatus, ListAgentsQuery } from '@mission-control/shared';
import { IsIn, IsOptional } from 'class-validator';

export class ListAgentsQueryDto implements ListAgentsQuery {
  @IsOptional()
  @IsIn(AGENT_STATUSES)
  status?: AgentStatus;
}
