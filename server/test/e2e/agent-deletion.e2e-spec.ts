import { MissionEventOfType, Task } from '@mission-control/shared';
import { socketClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

describe('deleting an agent', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('announces every task that loses it as assignee or creator, with a new version', async () => {
    const gone = (await t.http().post('/api/agents').send({ name: 'Gone' }).expect(201)).body.id as string;
    const stays = (await t.http().post('/api/agents').send({ name: 'Stays' }).expect(201)).body.id as string;
    const assigned: Task = (await t.http().post('/api/tasks').send({ title: 'assigned', assigned_agent_id: gone }).expect(201)).body;
    const created: Task = (await t.http().post('/api/tasks').send({ title: 'created', created_by_agent_id: gone, assigned_agent_id: stays }).expect(201)).body;
    const unrelated: Task = (await t.http().post('/api/tasks').send({ title: 'unrelated', assigned_agent_id: stays }).expect(201)).body;

    const board = await socketClient(t.url);
    await t.http().delete(`/api/agents/${gone}`).expect(204);
    const events = await board.waitForCount(3);
    board.close();

    const updates = events.filter((event): event is MissionEventOfType<'task_updated'> => event.type === 'task_updated');
    expect(updates.map((event) => event.payload.id).sort()).toEqual([assigned.id, created.id].sort());
    const byId = new Map(updates.map((event) => [event.payload.id, event.payload]));
    expect(byId.get(assigned.id)).toMatchObject({ assigned_agent_id: null, version: assigned.version + 1 });
    expect(byId.get(created.id)).toMatchObject({ created_by_agent_id: null, assigned_agent_id: stays, version: created.version + 1 });
    expect(events[events.length - 1]).toMatchObject({ type: 'agent_deleted', payload: { id: gone } });

    // REST agrees with what the screens were told, and the unrelated task did not move.
    expect((await t.http().get(`/api/tasks/${assigned.id}`).expect(200)).body).toEqual(byId.get(assigned.id));
    expect((await t.http().get(`/api/tasks/${unrelated.id}`).expect(200)).body.version).toBe(unrelated.version);
  });
});
