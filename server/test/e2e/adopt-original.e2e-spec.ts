import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MIGRATIONS } from '../../src/database/data-source-options';
import { createOriginalDatabase, ORIGINAL_ONLY_TABLES, ORIGINAL_TABLES, snapshot, tableNames } from './support/original-database';
import { socketClient } from './support/realtime-clients';
import { startTestApp, tempDir } from './support/test-app';

const backupsIn = (dir: string) => fs.readdirSync(dir).filter((name) => /^mission-control\.pre-upgrade-\d{8}T\d{6}Z\.db$/.test(name));

describe("adopting the original Mission Control's database", () => {
  it('starts on it, serves every old row, runs the spec workflow live, and keeps everything of the user’s', async () => {
    const dir = tempDir('mc-original-');
    const dbFile = path.join(dir, 'mission-control.db');
    createOriginalDatabase(dbFile);
    const before = snapshot(dbFile);
    const tablesBefore = tableNames(dbFile);

    const t = await startTestApp({ dbFile });
    try {
      // a backup with the original content, made before anything was written
      const backups = backupsIn(dir);
      expect(backups).toHaveLength(1);
      const backupFile = path.join(dir, backups[0]);
      expect(snapshot(backupFile)).toEqual(before);
      expect(tableNames(backupFile)).toEqual(tablesBefore);

      // migration 1 recorded as applied, the rest run
      const migrations = t.rows<{ name: string }>('SELECT name FROM migrations ORDER BY id').map((m) => m.name);
      expect(migrations).toEqual(MIGRATIONS.map((migration) => new migration().name));

      // every old row through REST as it was, with its timestamps in ISO-8601 UTC
      const agents = (await t.http().get('/api/agents').expect(200)).body;
      expect(agents).toEqual([
        {
          id: 'charlie',
          name: 'Charlie',
          role: 'Team Lead & Orchestrator',
          description: 'Coordinates the team',
          avatar_emoji: '🦞',
          status: 'working',
          is_master: true,
          created_at: '2026-01-20T09:00:00.000Z',
          updated_at: '2026-01-21T17:30:05.000Z',
        },
        {
          id: 'developer',
          name: 'Developer',
          role: 'Full-stack engineer',
          description: null,
          avatar_emoji: '💻',
          status: 'standby',
          is_master: false,
          created_at: '2026-01-20T09:00:01.000Z',
          updated_at: '2026-01-20T09:00:01.000Z',
        },
      ]);
      const tasks = (await t.http().get('/api/tasks').expect(200)).body;
      expect(tasks).toEqual([
        {
          id: 'task-inbox',
          title: 'Build a test page',
          description: 'HTML test page with styling',
          status: 'inbox',
          priority: 'high',
          assigned_agent_id: null,
          created_by_agent_id: 'charlie',
          due_date: '2026-02-01',
          created_at: '2026-01-22T08:00:00.000Z',
          updated_at: '2026-01-22T08:00:00.000Z',
          version: 1,
        },
        {
          id: 'task-progress',
          title: 'Research competitors',
          description: null,
          status: 'in_progress',
          priority: 'normal',
          assigned_agent_id: 'developer',
          created_by_agent_id: 'charlie',
          due_date: null,
          created_at: '2026-01-21T10:15:00.000Z',
          updated_at: '2026-01-21T11:00:00.000Z',
          version: 1,
        },
      ]);
      const oldSession = {
        id: 'oc-main',
        agent_id: 'charlie',
        openclaw_session_id: 'agent:main:main',
        channel: 'mission-control',
        status: 'active',
        session_type: 'persistent',
        task_id: null,
        summary: null,
        last_seen_at: null,
        ended_at: null,
        created_at: '2026-01-20T09:05:00.000Z',
        updated_at: '2026-01-20T09:05:00.000Z',
      };
      expect((await t.http().get('/api/sessions').expect(200)).body).toEqual([oldSession]);
      expect((await t.http().get('/api/openclaw/sessions').expect(200)).body).toEqual([oldSession]);
      expect((await t.http().get('/api/tasks/task-inbox').expect(200)).body.created_at).toBe('2026-01-22T08:00:00.000Z');
      expect((await t.http().get('/api/stats').expect(200)).body).toMatchObject({ active_subagents: 0, agents_working: 1 });

      // the original spec's workflow on the old inbox task, watched live on a Socket.IO client
      const socket = await socketClient(t.url, { rooms: ['task:task-inbox'] });
      try {
        const inbox = (await t.http().get('/api/tasks?status=inbox').expect(200)).body;
        expect(inbox.map((task: { id: string }) => task.id)).toEqual(['task-inbox']);
        await t.http().post('/api/tasks/task-inbox/activities')
          .send({ activity_type: 'updated', message: 'Task triaged and assigned to Developer agent', agent_id: 'charlie' })
          .expect(201);
        const assigned = await t.http().patch('/api/tasks/task-inbox').send({ status: 'assigned', assigned_agent_id: 'developer' }).expect(200);
        expect(assigned.body).toMatchObject({ status: 'assigned', assigned_agent_id: 'developer', version: 2, created_at: '2026-01-22T08:00:00.000Z' });
        const registered = await t.http().post('/api/tasks/task-inbox/subagent')
          .send({ openclaw_session_id: 'agent:main:subagent:abc123', agent_name: 'Developer' })
          .expect(201);
        expect(registered.body).toMatchObject({ agent_id: 'developer', session_type: 'subagent', status: 'active' });
        expect((await t.http().get('/api/stats')).body.active_subagents).toBe(1);
        await t.http().post('/api/tasks/task-inbox/activities')
          .send({ activity_type: 'spawned', message: 'Spawned sub-agent for task execution', metadata: { session_id: 'agent:main:subagent:abc123' } })
          .expect(201);
        await t.http().post('/api/tasks/task-inbox/deliverables')
          .send({ deliverable_type: 'file', title: 'Test Page', path: '~/Documents/Shared/mission-control/test-page.html', description: 'HTML test page' })
          .expect(201);
        await t.http().post('/api/tasks/task-inbox/activities').send({ activity_type: 'completed', message: 'Sub-agent completed task in 20 seconds' }).expect(201);
        // the sub-agent ends its session the original's way
        const ended = await t.http().patch('/api/openclaw/sessions/agent:main:subagent:abc123')
          .send({ status: 'completed', ended_at: '2026-01-22T08:20:00.000Z' })
          .expect(200);
        expect(ended.body).toMatchObject({ id: registered.body.id, status: 'completed', ended_at: '2026-01-22T08:20:00.000Z' });
        expect((await t.http().get('/api/stats')).body.active_subagents).toBe(0);
        await t.http().patch('/api/tasks/task-inbox').send({ status: 'review' }).expect(200);

        await socket.waitForCount(11);
        const seen = socket.events.map((event) => event.type);
        expect(seen).toEqual([
          'activity_logged',
          'task_updated',
          'activity_logged',
          'agent_spawned',
          'activity_logged', // logged by the registration itself
          'activity_logged',
          'deliverable_added',
          'activity_logged',
          'agent_completed',
          'task_updated',
          'activity_logged',
        ]);
        expect(socket.events.every((event) => event.task_id === 'task-inbox')).toBe(true);
        const completed = socket.events.find((event) => event.type === 'agent_completed')!;
        expect(completed.payload).toMatchObject({ taskId: 'task-inbox', sessionId: registered.body.id });
        const lastTask = socket.events.filter((event) => event.type === 'task_updated').pop()!;
        expect(lastTask.payload).toMatchObject({ status: 'review', version: 3, created_at: '2026-01-22T08:00:00.000Z' });
      } finally {
        socket.close();
      }
    } finally {
      await t.close();
    }

    // the user's own tables, columns and values are unchanged in the file
    const after = snapshot(dbFile);
    for (const table of ORIGINAL_ONLY_TABLES) expect(after[table]).toEqual(before[table]);
    const agentsAfter = after.agents as Record<string, unknown>[];
    const agentsBefore = before.agents as Record<string, unknown>[];
    expect(agentsAfter.map(({ soul_md, user_md, agents_md, created_at }) => ({ soul_md, user_md, agents_md, created_at }))).toEqual(
      agentsBefore.map(({ soul_md, user_md, agents_md, created_at }) => ({ soul_md, user_md, agents_md, created_at })),
    );
    const tasksAfter = after.tasks as Record<string, unknown>[];
    // the old task moved along, yet its own column and its original timestamp text stay as they were
    expect(tasksAfter.find((task) => task.id === 'task-inbox')).toMatchObject({ business_id: 'acme', created_at: '2026-01-22 08:00:00', status: 'review' });
    expect(tasksAfter.find((task) => task.id === 'task-progress')).toEqual({ ...(before.tasks as object[])[1], version: 1 });
    expect(tableNames(dbFile)).toEqual(expect.arrayContaining(tablesBefore));
    // the CHECK constraints of the original are still there
    const db = new Database(dbFile, { readonly: true });
    const tasksSql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'tasks'").get() as { sql: string }).sql;
    db.close();
    expect(tasksSql).toContain("CHECK (status IN ('inbox', 'assigned', 'in_progress', 'review', 'done'))");

    // a second start neither backs up nor migrates again
    const migrationRows = snapshot(dbFile, ['migrations']).migrations;
    const again = await startTestApp({ dbFile });
    try {
      expect(backupsIn(dir)).toHaveLength(1);
      expect(snapshot(dbFile, ['migrations']).migrations).toEqual(migrationRows);
      expect((await again.http().get('/api/tasks/task-inbox').expect(200)).body).toMatchObject({ status: 'review', version: 3 });
      expect(snapshot(dbFile, ORIGINAL_ONLY_TABLES)).toEqual(snapshot(backupsIn(dir).map((name) => path.join(dir, name))[0], ORIGINAL_ONLY_TABLES));
    } finally {
      await again.close();
    }
    expect(ORIGINAL_TABLES.every((table) => tableNames(dbFile).includes(table))).toBe(true);
  });

  it("answers the original's own constraints with a 4xx, never a 500, and writes nothing", async () => {
    const dbFile = path.join(tempDir('mc-original-'), 'mission-control.db');
    createOriginalDatabase(dbFile);
    // the original let a session belong to no agent
    const original = new Database(dbFile);
    original.exec("INSERT INTO openclaw_sessions (id, agent_id, openclaw_session_id) VALUES ('oc-orphan', NULL, 'agent:orphan')");
    original.close();
    const t = await startTestApp({ dbFile });
    try {
      const events = t.count('domain_events');
      // its agents.role is NOT NULL
      const noRole = await t.http().post('/api/agents').send({ name: 'Researcher' });
      expect(noRole.status).toBe(400);
      expect(noRole.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(noRole.body.message).toContain('agents.role is required');
      expect((await t.http().post('/api/agents').send({ name: 'Researcher', role: 'Research' })).status).toBe(201);
      // its own rows (events, conversations, messages) still refer to this task and this agent
      const task = await t.http().delete('/api/tasks/task-inbox');
      expect(task.status).toBe(409);
      expect(task.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect((await t.http().delete('/api/agents/developer')).status).toBe(409);
      await t.http().get('/api/tasks/task-inbox').expect(200);
      await t.http().get('/api/agents/developer').expect(200);
      expect(t.count('domain_events')).toBe(events + 1); // only the agent that was created
      // a session of no agent ends like any other
      const orphan = await t.http().patch('/api/openclaw/sessions/agent:orphan').send({ status: 'completed' });
      expect(orphan.status).toBe(200);
      expect(orphan.body).toMatchObject({ id: 'oc-orphan', agent_id: null, status: 'completed' });
      // a task nothing of the original refers to is deleted as usual
      await t.http().delete('/api/tasks/task-progress').expect(204);
    } finally {
      await t.close();
    }
  });
});
