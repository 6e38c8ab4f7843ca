import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { InitialSchema1700000000000 } from '../../src/database/migrations/1700000000000-InitialSchema';
import { builtServerMain, REPO_ROOT } from './support/built-server';
import { tempDir } from './support/test-app';

interface Exit {
  code: number | null;
  output: string;
}

/** Starts `node server/dist/main.js` as `npm start` would and waits for it to exit (killed after `limitMs`). */
function start(main: string, databaseUrl: string, limitMs: number): Promise<Exit> {
  const child = spawn(process.execPath, [main], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', CLIENT_DIST: path.join(tempDir(), 'none') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const limit = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(limit);
      resolve({ code, output });
    }),
  );
}

describe('a start that cannot use its database stops at once, naming the file', () => {
  jest.setTimeout(240_000);
  let main: string;
  beforeAll(() => {
    main = builtServerMain();
  });

  it('a file that is not a database', async () => {
    const file = path.join(tempDir(), 'notes.db');
    const content = 'These are my notes, not a database.\n'.repeat(200);
    fs.writeFileSync(file, content);

    const exit = await start(main, `sqlite:${file}`, 15_000);

    expect(exit.code).toBe(1);
    expect(exit.output).toContain(`Cannot open the database ${file}: file is not a database`);
    expect(exit.output).not.toContain('Retrying');
    // nothing was written: not the file, no backup beside it
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['notes.db']);
  });

  it('a migration that fails', async () => {
    // Migration 1 applied, and a table of the user's own that the real-time migration would create.
    const file = path.join(tempDir(), 'clash.db');
    const ds = new DataSource({ ...dataSourceOptions(`sqlite:${file}`), migrations: [InitialSchema1700000000000] } as never);
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
    const db = new Database(file);
    db.exec("CREATE TABLE task_activities (note TEXT); INSERT INTO task_activities VALUES ('mine')");
    db.close();

    const exit = await start(main, `sqlite:${file}`, 15_000);

    expect(exit.code).toBe(1);
    expect(exit.output).toContain(`Cannot upgrade the database ${file}: migration RealTime1710000000000 failed`);
    expect(exit.output).toContain('table task_activities already exists');
    expect(exit.output).not.toContain('Retrying');
    const after = new Database(file, { readonly: true });
    try {
      expect(after.prepare('SELECT name FROM migrations').all()).toEqual([{ name: 'InitialSchema1700000000000' }]);
      expect(after.prepare('SELECT note FROM task_activities').all()).toEqual([{ note: 'mine' }]);
      // the failed migration was rolled back as a whole
      expect(after.prepare("SELECT name FROM pragma_table_info('tasks') WHERE name = 'version'").all()).toEqual([]);
    } finally {
      after.close();
    }
  });

  it('a PostgreSQL that refuses connections is retried a bounded number of times, saying so', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused.
    const exit = await start(main, 'postgres://postgres@127.0.0.1:1/test', 60_000);

    expect(exit.code).toBe(1);
    const retries = exit.output.match(/Unable to connect to the database\. Message: .*ECONNREFUSED.*Retrying \(\d\)/g) ?? [];
    expect(retries).toHaveLength(5);
    expect(exit.output).toContain('Retrying (5)');
  });
});
