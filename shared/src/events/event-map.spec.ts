import { BOARD_ROOM, EVENT_TYPES, EventPayloads, taskRoom } from './event-map';

describe('event map', () => {
  it('names a room per task and one board room', () => {
    expect(taskRoom('abc')).toBe('task:abc');
    expect(BOARD_ROOM).toBe('board');
  });

  it('lists every event type of the payload map exactly once', () => {
    const fromMap: Record<keyof EventPayloads, true> = {
      task_created: true, task_updated: true, task_deleted: true, activity_logged: true,
      deliverable_added: true, agent_spawned: true, agent_completed: true, agent_created: true,
      agent_updated: true, agent_deleted: true, session_updated: true, session_output: true,
    };
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(fromMap).sort());
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
  });
});
