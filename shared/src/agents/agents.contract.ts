import { IsoTimestamp } from '../limits';

export const AGENT_STATUSES = ['standby', 'working', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export interface Agent {
  id: string;
  name: string;
  role: string | null;
  description: string | null;
  avatar_emoji: string;
  status: AgentStatus;
  is_master: boolean;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
}

export interface CreateAgentBody {
  name: string;
  role?: string | null;
  description?: string | null;
  avatar_emoji?: string;
  status?: AgentStatus;
  is_master?: boolean;
}

export type UpdateAgentBody = Partial<CreateAgentBody>;

export interface ListAgentsQuery {
  status?: AgentStatus;
}
