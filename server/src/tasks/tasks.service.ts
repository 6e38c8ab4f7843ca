import { Injectable, PreconditionFailedException } from '@nestjs/common';
import { LIMITS, Task } from '@mission-control/shared';
import { ActivityLog } from '../activities/activity-log';
import { AgentsRepository } from '../agents/agents.repository';
import { now } from '../common/clock';
import { newId } from '../common/ids';
import { notFound, requireReference } from '../common/references';
import { UnitOfWork } from '../database/unit-of-work';
import { SessionLifecycle } from '../sessions/session-lifecycle';
import { SessionsRepository } from '../sessions/sessions.repository';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto } from './dto/list-tasks.query';
import { UpdateTaskDto } from './dto/update-task.dto';
import { TaskEntity, toTask } from './task.entity';
import { TasksRepository } from './tasks.repository';

const EDITABLE = ['title', 'description', 'status', 'priority', 'assigned_agent_id', 'due_date'] as const;

@Injectable()
export class TasksService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tasks: TasksRepository,
    private readonly agents: AgentsRepository,
    private readonly sessions: SessionsRepository,
    private readonly lifecycle: SessionLifecycle,
    private readonly log: ActivityLog,
  ) {}

  async list(query: ListTasksQueryDto): Promise<Task[]> {
    return (await this.tasks.list({ ...query, limit: query.limit ?? LIMITS.listDefault })).map(toTask);
  }

  async get(id: string): Promise<Task> {
    const task = await this.tasks.findById(id);
    if (!task) throw notFound('Task', id);
    return toTask(task);
  }

  create(dto: CreateTaskDto): Promise<Task> {
    return this.uow.run(async (tx) => {
      const agentExists = (agentId: string) => this.agents.exists(agentId, tx);
      await requireReference('assigned_agent_id', dto.assigned_agent_id, agentExists);
      await requireReference('created_by_agent_id', dto.created_by_agent_id, agentExists);
      const at = now();
      const entity = Object.assign(new TaskEntity(), {
        id: newId(),
        title: dto.title,
        description: dto.description ?? null,
        status: dto.status ?? 'inbox',
        priority: dto.priority ?? 'normal',
        assigned_agent_id: dto.assigned_agent_id ?? null,
        created_by_agent_id: dto.created_by_agent_id ?? null,
        due_date: dto.due_date ?? null,
        created_at: at,
        updated_at: at,
        version: 1,
      } satisfies TaskEntity);
      const task = toTask(await this.tasks.insert(tx, entity));
      await tx.emit('task_created', task.id, task);
      return task;
    });
  }

  /**
   * Changes only the fields sent; a status change is also written to the activity log. With
   * `expectedVersion`, the change happens only if nobody has changed the task since that version.
   */
  update(id: string, dto: UpdateTaskDto, expectedVersion?: number): Promise<Task> {
    return this.uow.run(async (tx) => {
      const entity = await this.tasks.findById(id, tx);
      if (!entity) throw notFound('Task', id);
      if (expectedVersion !== undefined && Number(entity.version) !== expectedVersion) {
        throw new PreconditionFailedException(`Task "${id}" is at version ${entity.version}, not ${expectedVersion}: it changed meanwhile`);
      }
      const agentExists = (agentId: string) => this.agents.exists(agentId, tx);
      await requireReference('assigned_agent_id', dto.assigned_agent_id, agentExists);
      await requireReference('agent_id', dto.agent_id, agentExists);
      const previousStatus = entity.status;
      const changed = EDITABLE.filter((field) => dto[field] !== undefined && dto[field] !== entity[field]);
      if (changed.length === 0) return toTask(entity);
      for (const field of changed) Object.assign(entity, { [field]: dto[field] ?? null });
      entity.updated_at = now();
      entity.version = Number(entity.version) + 1;
      const task = toTask(await this.tasks.save(tx, entity));
      await tx.emit('task_updated', task.id, task);
      if (task.status !== previousStatus) {
        await this.log.record(tx, {
          task_id: task.id,
          agent_id: dto.agent_id ?? null,
          activity_type: 'status_changed',
          message: `Status changed from ${previousStatus} to ${task.status}`,
          metadata: { from: previousStatus, to: task.status },
        });
      }
      return task;
    });
  }

  /** Deletes the task with its activities and deliverables; its running sessions end as failed. */
  remove(id: string): Promise<void> {
    return this.uow.run(async (tx) => {
      if (!(await this.tasks.exists(id, tx))) throw notFound('Task', id);
      for (const session of await this.sessions.findActiveForTask(tx, id)) {
        await this.lifecycle.end(tx, session, 'failed', 'Task deleted');
      }
      await this.tasks.deleteById(tx, id);
      await tx.emit('task_deleted', id, { id });
    });
  }
}
