import { Injectable } from '@nestjs/common';
import { LIMITS, TaskActivity } from '@mission-control/shared';
import { notFound, requireReference } from '../common/references';
import { AgentsRepository } from '../agents/agents.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { SessionPulse } from '../sessions/session-pulse';
import { TasksRepository } from '../tasks/tasks.repository';
import { ActivitiesRepository } from './activities.repository';
import { toActivity } from './activity.entity';
import { AUTO_LOGGED, ActivityLog } from './activity-log';
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
    return this.uow.run(async (tx) => {
      if (!(await this.tasks.exists(taskId, tx))) throw notFound('Task', taskId);
      await requireReference('agent_id', dto.agent_id, (id) => this.agents.exists(id, tx));
      const sessionKey = dto.metadata?.session_id;
      // An activity naming an active session is a sign of life from it.
      if (typeof sessionKey === 'string' && sessionKey !== '') await this.pulse.touch(tx, sessionKey);
      if (dto.activity_type === 'spawned' && typeof sessionKey === 'string') {
        // The server logged this spawn when the sub-agent registered; the caller's own words replace it.
        const logged = await this.activities.findSpawnedFor(tx, taskId, sessionKey);
        if (logged?.metadata?.[AUTO_LOGGED]) {
          logged.message = dto.message;
          logged.agent_id = dto.agent_id ?? logged.agent_id;
          logged.metadata = { ...dto.metadata };
          return this.log.rewrite(tx, logged);
        }
      }
      return this.log.record(tx, { task_id: taskId, ...dto });
    });
  }
}
