import { createApp } from './app.factory';
import { startupRefusal } from './auth/startup-check';
import { loadConfig } from './config/app-config';
import { DatabaseStartError } from './database/database-startup';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const refused = startupRefusal(config);
  if (refused) {
    console.error(refused);
    process.exit(1);
  }
  const app = await createApp(config, ['warn', 'error']);
  await app.listen(config.port, config.host);
  const shownHost = ['0.0.0.0', '::', '127.0.0.1'].includes(config.host) ? 'localhost' : config.host;
  // A PostgreSQL URL may carry a password: never print it.
  const database = config.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  console.log(`Mission Control is live on http://${shownHost}:${config.port} (database ${database})`);
}

bootstrap().catch((error: unknown) => {
  // What stopped the start, in one line (a database that cannot be opened or migrated names the file; an
  // unreachable Redis names REDIS_URL); an unexpected error keeps its stack.
  const expected = error instanceof DatabaseStartError || (error instanceof Error && /REDIS_URL/.test(error.message));
  console.error(expected ? `Mission Control cannot start. ${(error as Error).message}` : error);
  process.exit(1);
});
