import * as fs from 'node:fs';
import * as path from 'node:path';

const README = path.resolve(__dirname, '../../../../README.md');

/**
 * The fenced code block that follows `<!-- test: <name> … -->` in README.md: the tests run the examples
 * users read, so the README cannot drift from what works.
 */
export function readmeBlock(name: string): string {
  const text = fs.readFileSync(README, 'utf8');
  const marker = text.indexOf(`<!-- test: ${name}`);
  if (marker < 0) throw new Error(`README.md has no "<!-- test: ${name} -->" block`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(text.slice(marker));
  if (!match) throw new Error(`README.md: no code block after the "${name}" marker`);
  return match[1];
}
