import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Health, Stats, TASK_STATUSES, TaskStatus } from '@mission-control/shared';
import { DataSource } from 'typeorm';
import { AgentsRepository } from '../agents/agents.repository';
import { EventStreams } from '../events/event-streams';
import { RealtimeStats } from '../events/realtime-stats';
import { SessionsRepository } from '../sessions/sessions.repository';
import { TasksRepository } from '../tasks/tasks.repository';

@Injectable()
export class StatsService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly agents: AgentsRepository,
    private readonly sessions: SessionsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly realtime: RealtimeStats,
    private readonly streams: EventStreams,
  ) {}

  async stats(): Promise<Stats> {
    const [counts, activeSubagents, agentsWorking] = await Promise.all([
      this.tasks.countByStatus(),
      this.sessions.countActiveSubagents(),
      this.agents.countWorking(),
    ]);
    const tasksByStatus = Object.fromEntries(TASK_STATUSES.map((status) => [status, counts[status] ?? 0])) as Record<TaskStatus, number>;
    return { active_subagents: activeSubagents, tasks_by_status: tasksByStatus, agents_working: agentsWorking };
  }

  /** Health is the one place that asks the database directly: it checks the connection, not a table. */
  async health(): Promise<Health> {
    let database: Health['database'] = 'up';
    let lastSeq = 0;
    try {
      await this.dataSource.query('SELECT 1');
      lastSeq = await this.streams.latestSeq();
    } catch {
      database = 'down';
    }
    return {
      status: database === 'up' ? 'ok' : 'degraded',
      database,
      uptime_s: Math.round(process.uptime()),
      last_seq: lastSeq,
      realtime: this.realtime.snapshot(),
    };
  }
}
