import { Injectable } from '@nestjs/common';
import { LIMITS, TaskDeliverable } from '@mission-control/shared';
import { now } from '../common/clock';
import { newId } from '../common/ids';
import { notFound } from '../common/references';
import { UnitOfWork } from '../database/unit-of-work';
import { TasksRepository } from '../tasks/tasks.repository';
import { DeliverableEntity, toDeliverable } from './deliverable.entity';
import { DeliverablesRepository } from './deliverables.repository';
import { CreateDeliverableDto } from './dto/create-deliverable.dto';

@Injectable()
export class DeliverablesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly deliverables: DeliverablesRepository,
    private readonly tasks: TasksRepository,
  ) {}

  async listForTask(taskId: string, limit: number = LIMITS.listDefault): Promise<TaskDeliverable[]> {
    if (!(await this.tasks.exists(taskId))) throw notFound('Task', taskId);
    return (await this.deliverables.listForTask(taskId, limit)).map(toDeliverable);
  }

  async get(id: string): Promise<TaskDeliverable> {
    const entity = await this.deliverables.findById(id);
    if (!entity) throw notFound('Deliverable', id);
    return toDeliverable(entity);
  }

  create(taskId: string, dto: CreateDeliverableDto): Promise<TaskDeliverable> {
    return this.uow.run(async (tx) => {
      if (!(await this.tasks.exists(taskId, tx))) throw notFound('Task', taskId);
      const entity = Object.assign(new DeliverableEntity(), {
        id: newId(),
        task_id: taskId,
        deliverable_type: dto.deliverable_type,
        title: dto.title,
        path: dto.path ?? null,
        description: dto.description ?? null,
        created_at: now(),
      } satisfies DeliverableEntity);
      const deliverable = toDeliverable(await this.deliverables.insert(tx, entity));
      await tx.emit('deliverable_added', taskId, deliverable);
      return deliverable;
    });
  }
}
