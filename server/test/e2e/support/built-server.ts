import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

function newest(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((max, entry) => Math.max(max, newest(path.join(target, entry))), stat.mtimeMs);
}

/**
 * `server/dist/main.js`, as `npm start` runs it: built first (`npm run build -w shared -w server`)
 * when the sources are newer than the last build, so the process tested is the code under test.
 */
export function builtServerMain(): string {
  const main = path.join(REPO_ROOT, 'server', 'dist', 'main.js');
  const sources = Math.max(newest(path.join(REPO_ROOT, 'server', 'src')), newest(path.join(REPO_ROOT, 'shared', 'src')));
  if (!fs.existsSync(main) || fs.statSync(main).mtimeMs < sources) {
    execSync('npm run build -w shared -w server', { cwd: REPO_ROOT, stdio: 'ignore' });
  }
  return main;
}
