import { ConflictException, Injectable } from '@nestjs/common';
import { Agent } from '@mission-control/shared';
import { now } from '../common/clock';
import { notFound } from '../common/references';
import { UnitOfWork } from '../database/unit-of-work';
import { SessionsRepository } from '../sessions/sessions.repository';
import { toTask } from '../tasks/task.entity';
import { TasksRepository } from '../tasks/tasks.repository';
import { newAgentEntity, toAgent } from './agent.entity';
import { AgentsRepository } from './agents.repository';
import { CreateAgentDto } from './dto/create-agent.dto';
import { ListAgentsQueryDto } from './dto/list-agents.query';
import { UpdateAgentDto } from './dto/update-agent.dto';

const EDITABLE = ['name', 'role', 'description', 'avatar_emoji', 'status', 'is_master'] as const;

@Injectable()
export class AgentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly agents: AgentsRepository,
    private readonly sessions: SessionsRepository,
    private readonly tasks: TasksRepository,
  ) {}

  async list(query: ListAgentsQueryDto): Promise<Agent[]> {
    return (await this.agents.list(query)).map(toAgent);
  }

  async get(id: string): Promise<Agent> {
    const agent = await this.agents.findById(id);
    if (!agent) throw notFound('Agent', id);
    return toAgent(agent);
  }

  create(dto: CreateAgentDto): Promise<Agent> {
    return this.uow.run(async (tx) => {
      const entity = newAgentEntity(dto);
      const agent = toAgent(await this.agents.insert(tx, entity));
      await tx.emit('agent_created', null, agent);
      return agent;
    });
  }

  update(id: string, dto: UpdateAgentDto): Promise<Agent> {
    return this.uow.run(async (tx) => {
      const entity = await this.agents.findById(id, tx);
      if (!entity) throw notFound('Agent', id);
      const changed = EDITABLE.filter((field) => dto[field] !== undefined && dto[field] !== entity[field]);
      if (changed.length === 0) return toAgent(entity);
      for (const field of changed) Object.assign(entity, { [field]: dto[field] ?? null });
      entity.updated_at = now();
      const agent = toAgent(await this.agents.save(tx, entity));
      await tx.emit('agent_updated', null, agent);
      return agent;
    });
  }

  /**
   * Refused while the agent has an active session, so the board never loses a running sub-agent. Tasks
   * that named it as assignee or creator lose it here, as changes of their own (version and event), rather
   * than silently through the foreign key, so every screen stops showing the deleted agent on their cards.
   */
  remove(id: string): Promise<void> {
    return this.uow.run(async (tx) => {
      if (!(await this.agents.exists(id, tx))) throw notFound('Agent', id);
      const active = await this.sessions.countActiveForAgent(tx, id);
      if (active > 0) throw new ConflictException(`Agent "${id}" has ${active} active session(s); end them before deleting it`);
      const at = now();
      for (const entity of await this.tasks.findNamingAgent(tx, id)) {
        if (entity.assigned_agent_id === id) entity.assigned_agent_id = null;
        if (entity.created_by_agent_id === id) entity.created_by_agent_id = null;
        entity.updated_at = at;
        entity.version = Number(entity.version) + 1;
        const task = toTask(await this.tasks.save(tx, entity));
        tx.emit('task_updated', task.id, task);
      }
      await this.agents.deleteById(tx, id);
      tx.emit('agent_deleted', null, { id });
    });
  }
}
