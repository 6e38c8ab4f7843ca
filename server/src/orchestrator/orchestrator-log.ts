/** Where the orchestrator says what it does; `console` by default, silent in tests. */
export interface OrchestratorLog {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export function consoleLog(verbose = false): OrchestratorLog {
  const stamp = () => new Date().toISOString();
  return {
    info: (message) => console.log(`${stamp()} [orchestrator] ${message}`),
    warn: (message) => console.warn(`${stamp()} [orchestrator] ${message}`),
    debug: (message) => {
      if (verbose) console.log(`${stamp()} [orchestrator] ${message}`);
    },
  };
}

export const silentLog: OrchestratorLog = { info: () => undefined, warn: () => undefined, debug: () => undefined };
