#!/usr/bin/env node
// Builds shared, server and client only when their sources changed since the last build, so `npm start`
// is quick after the first run. A lock folder lets several instances start from one checkout at once.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packages = [
  { name: 'shared', inputs: ['shared/src', 'shared/package.json', 'shared/tsconfig.json', 'shared/tsconfig.build.json', 'tsconfig.json'], stamp: 'shared/dist/.build-stamp' },
  { name: 'server', inputs: ['server/src', 'server/package.json', 'server/tsconfig.json', 'server/tsconfig.build.json', 'shared/src'], stamp: 'server/dist/.build-stamp' },
  { name: 'client', inputs: ['client/src', 'client/public', 'client/package.json', 'client/tsconfig.json', 'client/tsconfig.app.json', 'angular.json', 'shared/src'], stamp: 'client/dist/.build-stamp' },
];

function newest(target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(full).reduce((max, entry) => Math.max(max, newest(path.join(target, entry))), stat.mtimeMs);
}

function stampTime(stamp) {
  const full = path.join(root, stamp);
  return fs.existsSync(full) ? fs.statSync(full).mtimeMs : 0;
}

async function withLock(work) {
  const lock = path.join(root, 'node_modules', '.mission-control-build.lock');
  for (let waited = 0; ; waited += 250) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another instance is building; a lock older than 10 minutes is left from a crash.
      if (waited > 600_000 || Date.now() - fs.statSync(lock).mtimeMs > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

await withLock(async () => {
  for (const pkg of packages) {
    if (stampTime(pkg.stamp) >= Math.max(...pkg.inputs.map(newest))) {
      console.log(`${pkg.name}: up to date`);
      continue;
    }
    console.log(`${pkg.name}: building…`);
    execSync(`npm run build -w ${pkg.name}`, { cwd: root, stdio: 'inherit' });
    fs.writeFileSync(path.join(root, pkg.stamp), new Date().toISOString());
  }
});
