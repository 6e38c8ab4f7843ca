import { MissionControlClient, MissionControlError } from '@mission-control/shared';
import { USAGE, UsageError, parseInvocation } from './args';
import { COMMANDS, Io } from './commands';
import { colourWanted, paint } from './format';

/**
 * `mission-control <command>`: the terminal client. Resolves to the exit code: 0 done, 1 the server
 * refused or could not be reached, 2 wrong usage.
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const err = (text: string) => void process.stderr.write(`${text}\n`);
  try {
    const run = parseInvocation(argv, env);
    if (run.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (run.command === 'mcp') {
      // Loaded only here: the other commands start faster without the MCP SDK.
      const { serveMcpOverStdio } = await import('../mcp/mcp-stdio');
      await serveMcpOverStdio({ url: run.url, token: run.token });
      return 0;
    }
    const colour = paint(!run.json && colourWanted(process.stdout, env));
    const io: Io = { out: (text) => void process.stdout.write(`${text}\n`), err: (text) => err(text), colour, signal: controller.signal };
    const client = new MissionControlClient({ baseUrl: run.url, token: run.token, retries: 2, retryDelayMs: 200, timeoutMs: 15_000 });
    await COMMANDS[run.command](run, client, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`mission-control: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof MissionControlError) {
      err(`mission-control: ${describe(error, url(argv, env))}`);
      return 1;
    }
    err(`mission-control: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function describe(error: MissionControlError, server: string): string {
  if (error.status === 0) {
    const code = (error.cause as { cause?: { code?: string } } | undefined)?.cause?.code;
    return code ? `cannot reach ${server} (${code})` : error.message;
  }
  const hint = error.status === 401 ? ' (set --token or MC_TOKEN)' : '';
  return `${error.message}${hint} (HTTP ${error.status}${error.body?.error ? ` ${error.body.error}` : ''})`;
}

function url(argv: string[], env: NodeJS.ProcessEnv): string {
  try {
    return parseInvocation(argv, env).url;
  } catch {
    return 'the server';
  }
}

/** `mission-control tail | head -3`: the reader went away, which is a normal way to stop. */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

if (require.main === module) {
  exitQuietlyOnClosedPipe();
  runCli(process.argv.slice(2)).then(
    (code) => {
      // Let stdout drain when piped, then leave (an open keep-alive socket must not hold the process).
      process.stdout.write('', () => process.exit(code));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
