import { Injectable } from '@nestjs/common';
import { LIMITS, TaskActivity } from '@mission-control/shared';
import { notFound, requireReference } from '../common/references';
import { AgentsRepository } from '../agents/agents.repository';
import { Tx } from '../database/tx';
import { UnitOfWork } from '../database/unit-of-work';
import { SessionPulse } from '../sessions/session-pulse';
import { TasksRepository } from '../tasks/tasks.repository';
import { ActivitiesRepository } from './activities.repository';
import { toActivity } from './activity.entity';
import { AUTO_LOGGED, ActivityInput, ActivityLog } from './activity-log';
import { CreateActivityDto } from './dto/create-activity.dto';

@Injectable()
export class ActivitiesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly log: ActivityLog,
    private readonly activities: ActivitiesRepository,
    private readonly tasks: TasksRepository,
    private readonly agents: AgentsRepository,
    private readonly pulse: SessionPulse,
  ) {}

  async listForTask(taskId: string, limit: number = LIMITS.listDefault): Promise<TaskActivity[]> {
    if (!(await this.tasks.exists(taskId))) throw notFound('Task', taskId);
    return (await this.activities.listForTask(taskId, limit)).map(toActivity);
  }

  create(taskId: string, dto: CreateActivityDto): Promise<TaskActivity> {
    return this.uow.run(async (tx) => (await this.logAll(tx, taskId, [dto], () => ''))[0]);
  }

  /** A batch: one transaction, all or nothing, events in array order. */
  createMany(taskId: string, dtos: CreateActivityDto[]): Promise<TaskActivity[]> {
    return this.uow.run((tx) => this.logAll(tx, taskId, dtos, (i) => `[${i}].`));
  }

  /**
   * New activities go in with one INSERT; a `spawned` one naming a session whose spawn the server logged
   * itself replaces that entry instead. Whatever comes before such a replacement is written first, so the
   * events keep the order of `dtos`.
   */
  private async logAll(tx: Tx, taskId: string, dtos: CreateActivityDto[], field: (i: number) => string): Promise<TaskActivity[]> {
    if (!(await this.tasks.exists(taskId, tx))) throw notFound('Task', taskId);
    const agentIds = new Map<string, number>();
    dtos.forEach((dto, i) => dto.agent_id && !agentIds.has(dto.agent_id) && agentIds.set(dto.agent_id, i));
    for (const [agentId, i] of agentIds) await requireReference(`${field(i)}agent_id`, agentId, (id) => this.agents.exists(id, tx));
    // An activity naming an active session is a sign of life from it.
    const sessionKeys = new Set(dtos.map(sessionKeyOf).filter((key): key is string => key !== null));
    for (const key of sessionKeys) await this.pulse.touch(tx, key);

    const logged: TaskActivity[] = [];
    let pending: ActivityInput[] = [];
    const flush = async () => {
      logged.push(...(await this.log.recordMany(tx, pending)));
      pending = [];
    };
    const replaced = new Set<string>();
    for (const dto of dtos) {
      const sessionKey = sessionKeyOf(dto);
      if (dto.activity_type === 'spawned' && sessionKey !== null) {
        // The server logged this spawn when the sub-agent registered; the caller's own words replace it.
        const auto = await this.activities.findSpawnedFor(tx, taskId, sessionKey);
        if (auto?.metadata?.[AUTO_LOGGED] && !replaced.has(auto.id)) {
          replaced.add(auto.id);
          await flush();
          auto.message = dto.message;
          auto.agent_id = dto.agent_id ?? auto.agent_id;
          auto.metadata = { ...dto.metadata };
          logged.push(await this.log.rewrite(tx, auto));
          continue;
        }
      }
      pending.push({ task_id: taskId, ...dto });
    }
    await flush();
    return logged;
  }
}

function sessionKeyOf(dto: CreateActivityDto): string | null {
  const key = dto.metadata?.session_id;
  return typeof key === 'string' && key !== '' ? key : null;
}
