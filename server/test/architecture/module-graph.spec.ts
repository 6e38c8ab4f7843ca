import * as fs from 'node:fs';
import * as path from 'node:path';

const SERVER_SRC = path.resolve(__dirname, '..', '..', 'src');
const REPO = path.resolve(SERVER_SRC, '..', '..');
/** Folders of server/src that are features (or clients of the API); everything else is infrastructure. */
const FEATURES = ['tasks', 'agents', 'sessions', 'activities', 'deliverables', 'stats', 'tokens', 'orchestrator', 'mcp', 'cli', 'openapi'];
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return /\.(ts|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);
}

describe('module graph (DESIGN.md Layout)', () => {
  it.each(['database', 'events'])('no file under server/src/%s imports a feature', (folder) => {
    const offending = sourceFiles(path.join(SERVER_SRC, folder)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => path.relative(SERVER_SRC, path.resolve(path.dirname(file), spec)))
        .filter((target) => FEATURES.includes(target.split(path.sep)[0]))
        .map((target) => `${path.relative(SERVER_SRC, file)} -> ${target}`),
    );
    expect(sourceFiles(path.join(SERVER_SRC, folder)).length).toBeGreaterThan(0);
    expect(offending).toEqual([]);
  });

  it(`no source file is over ${MAX_LINES} lines`, () => {
    const files = ['server/src', 'server/test', 'shared/src', 'client/src', 'e2e'].flatMap((dir) => sourceFiles(path.join(REPO, dir)));
    const long = files
      .map((file) => ({ file: path.relative(REPO, file), lines: fs.readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(files.length).toBeGreaterThan(100);
    expect(long).toEqual([]);
  });
});
