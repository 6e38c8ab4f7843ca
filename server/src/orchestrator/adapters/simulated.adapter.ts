import * as fs from 'node:fs';
import * as path from 'node:path';
import { SubAgentAdapter, SubAgentContext, SubAgentResult, delay } from './sub-agent';

export const TEST_PAGE = 'test-page.html';

/**
 * A stand-in sub-agent: starts up (a third of the time, at most a second), works for the rest of the
 * time a person can watch, then writes a real HTML page, saying so in its output.
 */
export class SimulatedAdapter implements SubAgentAdapter {
  readonly name = 'simulated';

  constructor(private readonly workMs: number) {}

  async run({ task, workDir, signal, report }: SubAgentContext): Promise<SubAgentResult> {
    const startup = Math.min(1000, Math.round(this.workMs / 3));
    await delay(startup, signal);
    report.started();
    report.line(`Working on "${task.title}"`);
    await delay(this.workMs - startup, signal);
    const file = path.join(workDir, TEST_PAGE);
    report.line(`Writing ${TEST_PAGE}`);
    await fs.promises.writeFile(file, testPage(task.title, task.description));
    report.line(`Wrote ${TEST_PAGE} (${(await fs.promises.stat(file)).size} bytes)`);
    report.file({ path: file, title: TEST_PAGE, description: 'HTML test page with styling and dynamic content' });
    return { summary: `Built ${TEST_PAGE} for "${task.title}"` };
  }
}

function testPage(title: string, description: string | null): string {
  const text = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${text(title)}</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center;
           background: linear-gradient(135deg, #0f172a, #1e3a8a); color: #e2e8f0; }
    main { max-width: 40rem; padding: 2rem 2.5rem; border-radius: 1rem; background: rgba(15, 23, 42, 0.7);
           box-shadow: 0 20px 50px rgba(0, 0, 0, 0.4); }
    h1 { margin-top: 0; color: #93c5fd; }
    #clock { font-variant-numeric: tabular-nums; color: #fbbf24; }
  </style>
</head>
<body>
  <main>
    <h1>${text(title)}</h1>
    <p>${text(description ?? 'Built by a Mission Control sub-agent.')}</p>
    <p>Page opened <span id="clock">just now</span>.</p>
  </main>
  <script>
    const opened = Date.now();
    setInterval(() => {
      document.getElementById('clock').textContent = Math.round((Date.now() - opened) / 1000) + ' seconds ago';
    }, 1000);
  </script>
</body>
</html>
`;
}
