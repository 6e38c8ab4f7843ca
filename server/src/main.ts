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
  // A database that cannot be opened or migrated says which file and why, in one line.
  console.error(error instanceof DatabaseStartError ? `Mission Control cannot start. ${error.message}` : error);
  process.exit(1);
});
