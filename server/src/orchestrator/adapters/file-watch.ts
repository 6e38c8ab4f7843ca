import * as fs from 'node:fs';
import * as path from 'node:path';

const MAX_FILES = 500;
const MAX_DEPTH = 6;

type Snapshot = Map<string, string>;

/** Every regular file under `dir` (bounded), with a fingerprint of its size and modification time. */
export function snapshot(dir: string): Snapshot {
  const files: Snapshot = new Map();
  const walk = (current: string, depth: number) => {
    if (depth > MAX_DEPTH || files.size >= MAX_FILES) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.isFile()) {
        try {
          const stat = fs.statSync(full);
          files.set(full, `${stat.size}:${stat.mtimeMs}`);
        } catch {
          // Gone between listing and stat.
        }
      }
      if (files.size >= MAX_FILES) return;
    }
  };
  walk(dir, 0);
  return files;
}

/** Reports each file created (or changed) in `dir` since it was constructed, once. */
export class NewFiles {
  private readonly before: Snapshot;
  private readonly reported = new Set<string>();

  constructor(private readonly dir: string) {
    this.before = snapshot(dir);
  }

  /** Files new since the start and not reported yet, in path order. */
  collect(): string[] {
    const found: string[] = [];
    for (const [file, fingerprint] of snapshot(this.dir)) {
      if (this.reported.has(file) || this.before.get(file) === fingerprint) continue;
      this.reported.add(file);
      found.push(file);
    }
    return found;
  }
}
