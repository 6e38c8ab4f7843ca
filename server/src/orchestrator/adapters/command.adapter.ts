import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { NewFiles } from './file-watch';
import { SubAgentAdapter, SubAgentContext, SubAgentFailure, SubAgentResult } from './sub-agent';

const STDERR_TAIL_CHARS = 1500;
const SCAN_EVERY_MS = 500;
const KILL_GRACE_MS = 2000;
const CLOSE_GRACE_MS = 2000;

/**
 * A real program as the sub-agent: `sh -c <command>` in the task's folder, with the task in its
 * environment. Every line it prints (stdout and stderr, blank ones too) goes to its session's output,
 * each file it creates becomes a deliverable; exit code 0 means done. Stopping the task kills its whole process group.
 */
export class CommandAdapter implements SubAgentAdapter {
  readonly name = 'command';

  constructor(private readonly command: string) {}

  run({ task, sessionKey, workDir, signal, report }: SubAgentContext): Promise<SubAgentResult> {
    return new Promise<SubAgentResult>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const files = new NewFiles(workDir);
      const reportFiles = () => files.collect().forEach((file) => report.file({ path: file, title: path.relative(workDir, file) }));
      let stderrTail = '';
      let settled = false;
      const child = spawn('/bin/sh', ['-c', this.command], {
        cwd: workDir,
        env: {
          ...process.env,
          MC_TASK_ID: task.id,
          MC_TASK_TITLE: task.title,
          MC_TASK_DESCRIPTION: task.description ?? '',
          MC_SESSION_ID: sessionKey,
        },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.once('spawn', () => report.started());
      const scanner = setInterval(reportFiles, SCAN_EVERY_MS);
      const stdout = readline.createInterface({ input: child.stdout!, crlfDelay: Infinity });
      const stderr = readline.createInterface({ input: child.stderr!, crlfDelay: Infinity });
      let paused = false;
      // Backpressure: while the server is behind, stop reading, so the program blocks on its own writes.
      const throttle = () => {
        if (paused || !report.backlogged()) return;
        paused = true;
        stdout.pause();
        stderr.pause();
        void report.drained().then(() => {
          paused = false;
          stdout.resume();
          stderr.resume();
        });
      };
      stdout.on('line', (line) => {
        report.line(line, 'stdout');
        throttle();
      });
      stderr.on('line', (line) => {
        stderrTail = `${stderrTail}${line}\n`.slice(-STDERR_TAIL_CHARS);
        report.line(line, 'stderr');
        throttle();
      });

      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearInterval(scanner);
        signal.removeEventListener('abort', onAbort);
        reportFiles();
        // Whatever the command left running in the background goes with it.
        killGroup(child, 'SIGKILL');
        outcome();
      };
      const onAbort = () => {
        killGroup(child, 'SIGTERM');
        setTimeout(() => killGroup(child, 'SIGKILL'), KILL_GRACE_MS).unref();
      };
      signal.addEventListener('abort', onAbort, { once: true });

      child.on('error', (error) => finish(() => reject(new SubAgentFailure(`Could not start the command: ${error.message}`))));
      child.on('exit', (code, exitSignal) => {
        // Output still buffered in the pipes is read before deciding ('close'), but a background
        // process holding them open does not keep the task waiting.
        const decide = () =>
          finish(() => {
            if (signal.aborted) return reject(signal.reason);
            if (code === 0) return resolve({ summary: `Command exited with code 0` });
            const why = code === null ? `was killed by ${exitSignal}` : `exited with code ${code}`;
            const tail = stderrTail.trim();
            reject(new SubAgentFailure(`Command ${why}${tail ? `: ${tail}` : ''}`));
          });
        // Not while its output is held back by backpressure: what is still in the pipes is part of it.
        const grace = (): NodeJS.Timeout => setTimeout(() => (paused ? (timer = grace()) : decide()), CLOSE_GRACE_MS);
        let timer = grace();
        child.once('close', () => {
          clearTimeout(timer);
          decide();
        });
      });
    });
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
