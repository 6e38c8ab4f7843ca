import type { LaunchOptions } from 'playwright-core';

/** A browser the tests can drive: its binary, where it came from, and environment it needs (e.g. LD_LIBRARY_PATH). */
export interface FoundBrowser {
  executablePath: string;
  source: string;
  env: Record<string, string>;
}

export interface FindBrowserOptions {
  env?: NodeJS.ProcessEnv;
  systemPaths?: string[];
  pathNames?: string[];
  cacheRoot?: string;
  probe?: (found: FoundBrowser) => Promise<void>;
}

export function findBrowser(options?: FindBrowserOptions): Promise<FoundBrowser>;
export function launchOptions(found: FoundBrowser, timeout?: number): LaunchOptions;
export function describeBrowser(found: FoundBrowser): string;
export function reason(error: unknown): string;
export class NoBrowserError extends Error {}
export const FOUND_ENV: string;
export const LAUNCH_ARGS: string[];
