import { Injectable } from '@nestjs/common';
import { ActivityType, TaskActivity } from '@mission-control/shared';
import { now } from '../common/clock';
import { newId } from '../common/ids';
import { Tx } from '../database/tx';
import { ActivitiesRepository } from './activities.repository';
import { ActivityEntity, toActivity } from './activity.entity';

/** Marks the `spawned` activity the server logs itself when a sub-agent registers. */
export const AUTO_LOGGED = 'auto_logged';

export interface ActivityInput {
  task_id: string;
  activity_type: ActivityType;
  message: string;
  agent_id?: string | null;
  metadata?: Record<string, unknown> | null;
}

/** Appends to a task's activity log and announces it: every writer of activities goes through here. */
@Injectable()
export class ActivityLog {
  constructor(private readonly activities: ActivitiesRepository) {}

  async record(tx: Tx, input: ActivityInput): Promise<TaskActivity> {
    return announce(tx, await this.activities.insert(tx, newActivity(input)));
  }

  /** Appends several with one INSERT and announces each, in order. */
  async recordMany(tx: Tx, inputs: ActivityInput[]): Promise<TaskActivity[]> {
    const entities = inputs.map(newActivity);
    await this.activities.insertMany(tx, entities);
    return entities.map((entity) => announce(tx, entity));
  }

  /** Saves a changed activity and announces it again under the same id. */
  async rewrite(tx: Tx, entity: ActivityEntity): Promise<TaskActivity> {
    return announce(tx, await this.activities.save(tx, entity));
  }
}

/** The event is recorded with the transaction (`emit` only queues it): nothing to wait for. */
function announce(tx: Tx, entity: ActivityEntity): TaskActivity {
  const activity = toActivity(entity);
  tx.emit('activity_logged', activity.task_id, activity);
  return activity;
}

function newActivity(input: ActivityInput): ActivityEntity {
  return Object.assign(new ActivityEntity(), {
    id: newId(),
    task_id: input.task_id,
    agent_id: input.agent_id ?? null,
    activity_type: input.activity_type,
    message: input.message,
    metadata: input.metadata ?? null,
    created_at: now(),
  });
}
