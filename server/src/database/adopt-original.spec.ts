import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { ADOPTED_MIGRATION, adoptOriginalDatabase, AdoptionRefused, backupPath, INITIAL_SCHEMA_COLUMNS, recognise } from './adopt-original';
import { dataSourceOptions } from './data-source-options';
import { InitialSchema1700000000000 } from './migrations/1700000000000-InitialSchema';

const ORIGINAL_TABLES = `
  CREATE TABLE agents (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, description TEXT, avatar_emoji TEXT DEFAULT '🤖',
    status TEXT DEFAULT 'standby' CHECK (status IN ('standby', 'working', 'offline')), is_master INTEGER DEFAULT 0, soul_md TEXT,
    created_at TEXT DEFAULT (datetime('now')), updated_at TEXT DEFAULT (datetime('now')));
  CREATE TABLE tasks (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT, status TEXT DEFAULT 'inbox', priority TEXT DEFAULT 'normal',
    assigned_agent_id TEXT REFERENCES agents(id), created_by_agent_id TEXT REFERENCES agents(id), business_id TEXT DEFAULT 'default',
    due_date TEXT, created_at TEXT DEFAULT (datetime('now')), updated_at TEXT DEFAULT (datetime('now')));
  CREATE TABLE openclaw_sessions (id TEXT PRIMARY KEY, agent_id TEXT REFERENCES agents(id), openclaw_session_id TEXT NOT NULL, channel TEXT,
    status TEXT DEFAULT 'active', created_at TEXT DEFAULT (datetime('now')), updated_at TEXT DEFAULT (datetime('now')));
  INSERT INTO agents (id, name, role, soul_md, created_at) VALUES ('a1', 'Charlie', 'Lead', '# soul', '2026-01-20 09:00:00');
  INSERT INTO openclaw_sessions (id, agent_id, openclaw_session_id) VALUES ('s1', 'a1', 'agent:main:main');
`;

describe('adopting the original Mission Control database', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-adopt-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fileWith = (sql: string, name = 'mission-control.db') => {
    const file = path.join(dir, name);
    const db = new Database(file);
    db.exec(sql);
    db.close();
    return file;
  };
  const read = <T>(file: string, sql: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };

  it('lists exactly the columns migration 1 creates', async () => {
    const file = path.join(dir, 'ours.db');
    const ds = new DataSource({ ...dataSourceOptions(`sqlite:${file}`), migrations: [InitialSchema1700000000000] } as never);
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
    for (const [table, columns] of Object.entries(INITIAL_SCHEMA_COLUMNS)) {
      const actual = read<{ name: string }>(file, `PRAGMA table_info(${table})`).map((column) => column.name);
      expect(Object.keys(columns)).toEqual(actual);
    }
  });

  it('recognises an empty file, ours, the original and anything else', () => {
    const open = (file: string) => new Database(file);
    const cases: [string, string][] = [
      ['', 'empty'],
      ['CREATE TABLE migrations (id INTEGER); CREATE TABLE agents (id TEXT)', 'ours'],
      [ORIGINAL_TABLES, 'original'],
      ['CREATE TABLE agents (id TEXT); CREATE TABLE notes (id TEXT)', 'unknown'],
    ];
    cases.forEach(([sql, kind], i) => {
      const db = open(fileWith(sql, `case-${i}.db`));
      try {
        expect(recognise(db)).toBe(kind);
      } finally {
        db.close();
      }
    });
  });

  it('names the backup after the file and the moment', () => {
    expect(backupPath('/data/mission-control.db', new Date('2026-01-22T08:05:09.123Z'))).toBe('/data/mission-control.pre-upgrade-20260122T080509Z.db');
    expect(backupPath('/data/mc', new Date('2026-01-22T08:05:09.123Z'))).toBe('/data/mc.pre-upgrade-20260122T080509Z.db');
  });

  it('backs up, adds the columns migration 1 has, records migration 1, and keeps every value', async () => {
    const file = fileWith(ORIGINAL_TABLES);
    const adoption = await adoptOriginalDatabase(file, new Date('2026-01-22T08:05:09Z'));

    expect(adoption).toEqual({
      backupFile: path.join(dir, 'mission-control.pre-upgrade-20260122T080509Z.db'),
      addedColumns: ['openclaw_sessions.summary', 'openclaw_sessions.last_seen_at'],
    });
    expect(read(adoption!.backupFile, "SELECT name FROM sqlite_master WHERE name = 'migrations'")).toEqual([]);
    expect(read(adoption!.backupFile, 'SELECT * FROM agents')).toEqual(read(file, 'SELECT * FROM agents'));
    expect(read(file, 'SELECT timestamp, name FROM migrations')).toEqual([{ timestamp: ADOPTED_MIGRATION.timestamp, name: ADOPTED_MIGRATION.name }]);
    expect(read(file, 'SELECT id, soul_md, created_at FROM agents')).toEqual([{ id: 'a1', soul_md: '# soul', created_at: '2026-01-20 09:00:00' }]);
    expect(read(file, 'SELECT id, summary, last_seen_at FROM openclaw_sessions')).toEqual([{ id: 's1', summary: null, last_seen_at: null }]);

    // adopted once: the file is now ours, and a second call does nothing
    expect(await adoptOriginalDatabase(file)).toBeNull();
    expect(fs.readdirSync(dir).filter((name) => name.includes('pre-upgrade'))).toHaveLength(1);
  });

  it('refuses a database of a later original (with its own real-time schema) before writing anything', async () => {
    const file = fileWith(`${ORIGINAL_TABLES}; CREATE TABLE task_activities (id TEXT PRIMARY KEY, task_id TEXT, message TEXT);
      ALTER TABLE openclaw_sessions ADD COLUMN session_type TEXT DEFAULT 'persistent';`);
    const bytes = fs.readFileSync(file);

    await expect(adoptOriginalDatabase(file)).rejects.toThrow(AdoptionRefused);
    await expect(adoptOriginalDatabase(file)).rejects.toThrow(/table task_activities, column openclaw_sessions\.session_type/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['mission-control.db']);
  });
});
