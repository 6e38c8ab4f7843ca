import Database from 'better-sqlite3';

/**
 * The schema the original Mission Control (the Next.js app the original spec was written for) created
 * before its real-time update: its own columns (`soul_md`, `user_md`, `agents_md`, `business_id`), its
 * own tables, CHECK constraints on statuses, `datetime('now')` defaults and no migrations table.
 */
export const ORIGINAL_SCHEMA = `
  CREATE TABLE IF NOT EXISTS agents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    description TEXT,
    avatar_emoji TEXT DEFAULT '🤖',
    status TEXT DEFAULT 'standby' CHECK (status IN ('standby', 'working', 'offline')),
    is_master INTEGER DEFAULT 0,
    soul_md TEXT,
    user_md TEXT,
    agents_md TEXT,
    created_at TEXT DEFAULT (datetime('now')),
    updated_at TEXT DEFAULT (datetime('now'))
  );
  CREATE TABLE IF NOT EXISTS tasks (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT,
    status TEXT DEFAULT 'inbox' CHECK (status IN ('inbox', 'assigned', 'in_progress', 'review', 'done')),
    priority TEXT DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    assigned_agent_id TEXT REFERENCES agents(id),
    created_by_agent_id TEXT REFERENCES agents(id),
    business_id TEXT DEFAULT 'default',
    due_date TEXT,
    created_at TEXT DEFAULT (datetime('now')),
    updated_at TEXT DEFAULT (datetime('now'))
  );
  CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    title TEXT,
    type TEXT DEFAULT 'direct' CHECK (type IN ('direct', 'group', 'task')),
    task_id TEXT REFERENCES tasks(id),
    created_at TEXT DEFAULT (datetime('now')),
    updated_at TEXT DEFAULT (datetime('now'))
  );
  CREATE TABLE IF NOT EXISTS conversation_participants (
    conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
    agent_id TEXT REFERENCES agents(id) ON DELETE CASCADE,
    joined_at TEXT DEFAULT (datetime('now')),
    PRIMARY KEY (conversation_id, agent_id)
  );
  CREATE TABLE IF NOT EXISTS messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
    sender_agent_id TEXT REFERENCES agents(id),
    content TEXT NOT NULL,
    message_type TEXT DEFAULT 'text' CHECK (message_type IN ('text', 'system', 'task_update', 'file')),
    metadata TEXT,
    created_at TEXT DEFAULT (datetime('now'))
  );
  CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    agent_id TEXT REFERENCES agents(id),
    task_id TEXT REFERENCES tasks(id),
    message TEXT NOT NULL,
    metadata TEXT,
    created_at TEXT DEFAULT (datetime('now'))
  );
  CREATE TABLE IF NOT EXISTS businesses (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    created_at TEXT DEFAULT (datetime('now'))
  );
  CREATE TABLE IF NOT EXISTS openclaw_sessions (
    id TEXT PRIMARY KEY,
    agent_id TEXT REFERENCES agents(id),
    openclaw_session_id TEXT NOT NULL,
    channel TEXT,
    status TEXT DEFAULT 'active',
    created_at TEXT DEFAULT (datetime('now')),
    updated_at TEXT DEFAULT (datetime('now'))
  );
  CREATE INDEX IF NOT EXISTS idx_tasks_status ON tasks(status);
  CREATE INDEX IF NOT EXISTS idx_tasks_assigned ON tasks(assigned_agent_id);
  CREATE INDEX IF NOT EXISTS idx_messages_conversation ON messages(conversation_id);
  CREATE INDEX IF NOT EXISTS idx_events_created ON events(created_at DESC);
  CREATE INDEX IF NOT EXISTS idx_agents_status ON agents(status);
`;

/** Rows in every table, as the original wrote them: seeded rows with `datetime('now')` text, API rows with ISO text. */
const ORIGINAL_ROWS = `
  INSERT INTO businesses (id, name, description, created_at) VALUES ('default', 'Default', 'The default workspace', '2026-01-20 09:00:00');
  INSERT INTO businesses (id, name) VALUES ('acme', 'Acme');
  INSERT INTO agents (id, name, role, description, avatar_emoji, status, is_master, soul_md, user_md, agents_md, created_at, updated_at)
    VALUES ('charlie', 'Charlie', 'Team Lead & Orchestrator', 'Coordinates the team', '🦞', 'working', 1,
            '# Charlie\nCalm, strategic.', '# The Human\nValues efficiency.', '# The Team\nDeveloper, Researcher.',
            '2026-01-20 09:00:00', '2026-01-21 17:30:05');
  INSERT INTO agents (id, name, role, description, avatar_emoji, status, is_master, soul_md, created_at, updated_at)
    VALUES ('developer', 'Developer', 'Full-stack engineer', NULL, '💻', 'standby', 0, '# Developer', '2026-01-20 09:00:01', '2026-01-20 09:00:01');
  INSERT INTO tasks (id, title, description, status, priority, assigned_agent_id, created_by_agent_id, business_id, due_date, created_at, updated_at)
    VALUES ('task-inbox', 'Build a test page', 'HTML test page with styling', 'inbox', 'high', NULL, 'charlie', 'acme', '2026-02-01',
            '2026-01-22 08:00:00', '2026-01-22 08:00:00');
  INSERT INTO tasks (id, title, description, status, priority, assigned_agent_id, created_by_agent_id, business_id, due_date, created_at, updated_at)
    VALUES ('task-progress', 'Research competitors', NULL, 'in_progress', 'normal', 'developer', 'charlie', 'default', NULL,
            '2026-01-21T10:15:00.000Z', '2026-01-21T11:00:00.000Z');
  INSERT INTO conversations (id, title, type, task_id, created_at, updated_at)
    VALUES ('conv-1', 'Test page', 'task', 'task-inbox', '2026-01-22 08:01:00', '2026-01-22 08:01:00');
  INSERT INTO conversation_participants (conversation_id, agent_id, joined_at) VALUES ('conv-1', 'charlie', '2026-01-22 08:01:00');
  INSERT INTO conversation_participants (conversation_id, agent_id, joined_at) VALUES ('conv-1', 'developer', '2026-01-22 08:01:30');
  INSERT INTO messages (id, conversation_id, sender_agent_id, content, message_type, metadata, created_at)
    VALUES ('msg-1', 'conv-1', 'charlie', 'Can you take this one?', 'text', '{"mention":"developer"}', '2026-01-22 08:02:00');
  INSERT INTO events (id, type, agent_id, task_id, message, metadata, created_at)
    VALUES ('evt-1', 'task_created', 'charlie', 'task-inbox', 'Charlie created "Build a test page"', NULL, '2026-01-22 08:00:00');
  INSERT INTO events (id, type, agent_id, task_id, message, created_at)
    VALUES ('evt-2', 'agent_joined', 'developer', NULL, 'Developer joined the team', '2026-01-20 09:00:01');
  INSERT INTO openclaw_sessions (id, agent_id, openclaw_session_id, channel, status, created_at, updated_at)
    VALUES ('oc-main', 'charlie', 'agent:main:main', 'mission-control', 'active', '2026-01-20 09:05:00', '2026-01-20 09:05:00');
`;

/** The tables that are only the original's: this server must leave them exactly as they are. */
export const ORIGINAL_ONLY_TABLES = ['businesses', 'conversations', 'conversation_participants', 'messages', 'events'] as const;
export const ORIGINAL_TABLES = ['agents', 'tasks', 'openclaw_sessions', ...ORIGINAL_ONLY_TABLES] as const;

/** Creates a database file the way the original did (WAL, foreign keys on), with rows in every table. */
export function createOriginalDatabase(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.exec(ORIGINAL_SCHEMA);
    db.exec(ORIGINAL_ROWS);
  } finally {
    db.close();
  }
}

/** Every row of each of the original's tables, in a stable order, read straight from the file. */
export function snapshot(file: string, tables: readonly string[] = ORIGINAL_TABLES): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

export function tableNames(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
}
