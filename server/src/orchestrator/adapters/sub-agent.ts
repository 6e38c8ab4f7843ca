import { OutputStream, Task } from '@mission-control/shared';

/** A file a sub-agent created: attached as a `file` deliverable with a `file_created` activity. */
export interface CreatedFile {
  /** Absolute path. */
  path: string;
  title?: string;
  description?: string;
}

/** What a running sub-agent tells the orchestrator; calls are queued and sent in order. */
export interface SubAgentReporter {
  /** The sub-agent is up and working: the task moves to IN PROGRESS (it stays ASSIGNED until then). */
  started(): void;
  /** A line the sub-agent printed, in order of arrival: streamed to its session's output in batches. */
  line(text: string, stream?: OutputStream): void;
  /** Output is piling up faster than the server takes it: stop reading the sub-agent's output for now... */
  backlogged(): boolean;
  /** ...until this resolves. */
  drained(): Promise<void>;
  file(file: CreatedFile): void;
}

export interface SubAgentContext {
  task: Task;
  /** The session key the sub-agent is registered under (`openclaw_session_id`). */
  sessionKey: string;
  /** A per-task folder under DELIVERABLES_ROOT, created before `run`. */
  workDir: string;
  /** Aborted when the task is moved away or deleted, or the orchestrator stops: stop at once. */
  signal: AbortSignal;
  report: SubAgentReporter;
}

export interface SubAgentResult {
  summary: string;
}

/** Thrown by an adapter when the sub-agent's work failed; `message` says why. */
export class SubAgentFailure extends Error {}

/** Runs one sub-agent for one task; resolves when it succeeded, rejects when it failed or was stopped. */
export interface SubAgentAdapter {
  readonly name: string;
  run(context: SubAgentContext): Promise<SubAgentResult>;
}

/** Resolves after `ms`, or rejects with the signal's reason once it is aborted. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
