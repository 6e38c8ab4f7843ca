import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../../src/database/data-source-options';
import { ApiTokens1740000000000 } from '../../src/database/migrations/1740000000000-ApiTokens';
import { createPostgresDatabase, TestDatabase } from './support/postgres';
import { startTestApp } from './support/test-app';

const OPERATOR = 'pg-operator';
const op = { Authorization: `Bearer ${OPERATOR}` };

describe('API tokens on PostgreSQL', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createPostgresDatabase();
  });
  afterEach(() => db.drop());

  it('issues, authenticates and revokes; deleting the agent deletes its tokens; the migration reverts', async () => {
    const t = await startTestApp({ env: { DATABASE_URL: db.url, MC_API_TOKEN: OPERATOR } });
    try {
      const agent = (await t.http().post('/api/agents').set(op).send({ name: 'Pg', role: 'x' }).expect(201)).body.id;
      const issued = (await t.http().post('/api/tokens').set(op).send({ role: 'agent', agent_id: agent }).expect(201)).body;
      const task = (await t.http().post('/api/tasks').set(op).send({ title: 'pg' }).expect(201)).body.id;
      const logged = await t.http().post(`/api/tasks/${task}/activities`).set('Authorization', `Bearer ${issued.token}`).send({ activity_type: 'updated', message: 'hi' }).expect(201);
      expect(logged.body.agent_id).toBe(agent);
      await t.http().delete(`/api/tokens/${issued.id}`).set(op).expect(204);
      expect((await t.http().get('/api/tasks').set('Authorization', `Bearer ${issued.token}`)).status).toBe(401);
      await t.http().post('/api/tokens').set(op).send({ role: 'agent', agent_id: agent }).expect(201);
      await t.http().delete(`/api/agents/${agent}`).set(op).expect(204);
      expect(await db.query('SELECT id FROM api_tokens')).toEqual([]);
    } finally {
      await t.close();
    }
    const dataSource = new DataSource(dataSourceOptions(db.url));
    await dataSource.initialize();
    // The migrations after this one first, then this one.
    const undo = MIGRATIONS.length - MIGRATIONS.indexOf(ApiTokens1740000000000);
    for (let i = 0; i < undo; i++) await dataSource.undoLastMigration();
    await dataSource.destroy();
    expect(await db.query(`SELECT to_regclass('public.api_tokens') AS t`)).toEqual([{ t: null }]);
  });
});
