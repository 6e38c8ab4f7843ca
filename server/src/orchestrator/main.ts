import { Orchestrator } from './orchestrator';
import { consoleLog } from './orchestrator-log';
import { USAGE, UsageError, parseOptions } from './orchestrator-options';

/** `npm run orchestrator -- [options]`: see USAGE. */
async function main(): Promise<void> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const log = consoleLog(process.env.MC_VERBOSE === '1');
  const orchestrator = new Orchestrator(options, log);
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(1);
    log.info(`${signal}: stopping sub-agents and returning their tasks to the inbox`);
    orchestrator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await orchestrator.start();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
