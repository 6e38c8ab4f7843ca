import Database from 'better-sqlite3';
import * as path from 'node:path';

/** The migration whose schema the original Mission Control's database already has. */
export const ADOPTED_MIGRATION = { timestamp: 1700000000000, name: 'InitialSchema1700000000000' } as const;

/** TypeORM's own table of applied migrations, spelled exactly as TypeORM creates it on SQLite. */
const MIGRATIONS_TABLE_DDL =
  'CREATE TABLE "migrations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "timestamp" bigint NOT NULL, "name" varchar NOT NULL)';

/** The tables that make a database the original's: every one of them, and no `migrations` table. */
const ORIGINAL_TABLES = ['agents', 'tasks', 'openclaw_sessions'] as const;

/**
 * Every column migration 1 creates, as `ALTER TABLE … ADD COLUMN` can add it to a table that lacks it
 * (SQLite adds no column with an expression default or NOT NULL without a default, so those are looser
 * here than in migration 1; the spec checks this list against migration 1 itself).
 */
export const INITIAL_SCHEMA_COLUMNS: Record<(typeof ORIGINAL_TABLES)[number], Record<string, string>> = {
  agents: {
    id: 'TEXT',
    name: "TEXT NOT NULL DEFAULT ''",
    role: 'TEXT',
    description: 'TEXT',
    avatar_emoji: "TEXT NOT NULL DEFAULT '🤖'",
    status: "TEXT NOT NULL DEFAULT 'standby'",
    is_master: 'BOOLEAN NOT NULL DEFAULT 0',
    created_at: 'TEXT',
    updated_at: 'TEXT',
  },
  tasks: {
    id: 'TEXT',
    title: "TEXT NOT NULL DEFAULT ''",
    description: 'TEXT',
    status: "TEXT NOT NULL DEFAULT 'inbox'",
    priority: "TEXT NOT NULL DEFAULT 'normal'",
    assigned_agent_id: 'TEXT REFERENCES agents(id) ON DELETE SET NULL',
    created_by_agent_id: 'TEXT REFERENCES agents(id) ON DELETE SET NULL',
    due_date: 'TEXT',
    created_at: 'TEXT',
    updated_at: 'TEXT',
  },
  openclaw_sessions: {
    id: 'TEXT',
    agent_id: 'TEXT REFERENCES agents(id) ON DELETE CASCADE',
    openclaw_session_id: "TEXT NOT NULL DEFAULT ''",
    channel: 'TEXT',
    status: "TEXT NOT NULL DEFAULT 'active'",
    summary: 'TEXT',
    last_seen_at: 'TEXT',
    created_at: 'TEXT',
    updated_at: 'TEXT',
  },
};

/**
 * Tables and columns a later migration creates. A database of the original that already has one was made
 * by a later version of it, whose real-time schema differs from ours: it is refused before anything is written.
 */
const LATER_SCHEMA = { tables: ['task_activities', 'task_deliverables', 'domain_events'], sessionColumns: ['session_type', 'task_id', 'ended_at'] };

export class AdoptionRefused extends Error {}

export interface Adoption {
  backupFile: string;
  /** `table.column` for each column of migration 1 the file lacked. */
  addedColumns: string[];
}

/** What kind of SQLite database this is, read without writing anything. */
export function recognise(db: Database.Database): 'ours' | 'original' | 'empty' | 'unknown' {
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((row) => row.name),
  );
  if (tables.has('migrations')) return 'ours';
  if (tables.size === 0) return 'empty';
  return ORIGINAL_TABLES.every((table) => tables.has(table)) ? 'original' : 'unknown';
}

/** `mission-control.db` → `mission-control.pre-upgrade-20260122T080000Z.db`, next to it. */
export function backupPath(file: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.pre-upgrade-${stamp}${ext || '.db'}`);
}

/**
 * Adopts a database made by the original Mission Control, so the normal migrations can run on it:
 * writes a backup copy next to it first (SQLite's online backup API, so a WAL file is included), then,
 * in one transaction, adds the columns of migration 1 the file lacks and records migration 1 as applied
 * in TypeORM's `migrations` table. No table, column or value of the user's is dropped or rewritten.
 * Returns null when the file is not the original's (ours already, or new).
 */
export async function adoptOriginalDatabase(file: string, at = new Date()): Promise<Adoption | null> {
  const db = new Database(file, { fileMustExist: true });
  try {
    if (recognise(db) !== 'original') return null;
    refuseLaterSchema(db);
    const backupFile = backupPath(file, at);
    await db.backup(backupFile);
    const addedColumns: string[] = [];
    db.transaction(() => {
      for (const [table, columns] of Object.entries(INITIAL_SCHEMA_COLUMNS)) {
        const present = new Set(columnsOf(db, table));
        for (const [column, definition] of Object.entries(columns)) {
          if (present.has(column)) continue;
          db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
          addedColumns.push(`${table}.${column}`);
        }
      }
      db.exec(MIGRATIONS_TABLE_DDL);
      db.prepare('INSERT INTO "migrations" ("timestamp", "name") VALUES (?, ?)').run(ADOPTED_MIGRATION.timestamp, ADOPTED_MIGRATION.name);
    })();
    return { backupFile, addedColumns };
  } finally {
    db.close();
  }
}

function refuseLaterSchema(db: Database.Database): void {
  const tables = LATER_SCHEMA.tables.filter(
    (table) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined,
  );
  const sessionColumns = columnsOf(db, 'openclaw_sessions').filter((column) => LATER_SCHEMA.sessionColumns.includes(column));
  const later = [...tables.map((table) => `table ${table}`), ...sessionColumns.map((column) => `column openclaw_sessions.${column}`)];
  if (later.length > 0) {
    throw new AdoptionRefused(
      `it looks like the original Mission Control's database, but one made after its real-time update (it already has ${later.join(', ')}); ` +
        'only the original schema from before real-time can be adopted. Nothing was changed.',
    );
  }
}

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((row) => row.name);
}
