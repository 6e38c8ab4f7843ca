import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { MissionEvent } from '@mission-control/shared';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readmeBlock } from './support/readme-examples';
import { socketClient, SocketClient, waitUntil } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

const TOKEN = 'operator-token';
const BIN = path.resolve(__dirname, '../../bin/mission-control.js');
const TOOLS = ['list_tasks', 'get_task', 'create_task', 'update_task_status', 'log_activity', 'add_deliverable', 'register_subagent', 'complete_session', 'append_output'];

type ToolResult = { isError?: boolean; content: { type: string; text: string }[] };

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}

/** A tool's JSON answer; fails the test with the tool's own error text when it refused. */
async function callJson<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
  const result = await call(client, name, args);
  if (result.isError) throw new Error(`${name} failed: ${result.content[0].text}`);
  return JSON.parse(result.content[0].text) as T;
}

/** An MCP client configuration from README.md, pointed at the test server with `token`. */
function readmeConfig(name: 'mcp-http' | 'mcp-stdio', t: TestApp, token: string | null) {
  const text = readmeBlock(name).replaceAll('http://localhost:4000', t.url).replaceAll('/path/to/mission-control/server/bin/mission-control.js', BIN);
  return (JSON.parse(text) as { mcpServers: Record<string, { url?: string; headers?: Record<string, string>; command?: string; args?: string[] }> }).mcpServers['mission-control'];
}

const httpTransport = (t: TestApp, token: string | null = TOKEN) => {
  const config = readmeConfig('mcp-http', t, token);
  const headers = token ? { Authorization: config.headers!.Authorization.replace('YOUR_TOKEN', token) } : {};
  return new StreamableHTTPClientTransport(new URL(config.url!), { requestInit: { headers } });
};

const stdioTransport = (t: TestApp, token = TOKEN) => {
  const config = readmeConfig('mcp-stdio', t, token);
  expect(config.command).toBe('node');
  return new StdioClientTransport({ command: process.execPath, args: config.args!.map((arg) => arg.replace('YOUR_TOKEN', token)), stderr: 'pipe' });
};

async function connect(transport: Transport): Promise<Client> {
  const client = new Client({ name: 'mission-control-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

describe('MCP server', () => {
  let t: TestApp;
  let board: SocketClient;
  beforeAll(() => {
    if (!fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'))) throw new Error('Build first: npm run build -w shared -w server');
  });
  beforeEach(async () => {
    t = await startTestApp({ env: { MC_API_TOKEN: TOKEN } });
    board = await socketClient(t.url, { token: TOKEN });
  });
  afterEach(async () => {
    board.close();
    await t.close();
  });

  /** The orchestration sequence through MCP tools; the events must reach a Socket.IO client. */
  async function orchestrate(client: Client) {
    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name).sort()).toEqual([...TOOLS].sort());
    const createTask = tools.tools.find((tool) => tool.name === 'create_task')!;
    // The input schema is the validating DTO's: `@IsOptional` fields also take null, as the REST route does.
    expect(createTask.inputSchema).toMatchObject({
      required: ['title'],
      properties: { title: { type: 'string', minLength: 1, maxLength: 200 }, priority: { anyOf: [{ type: 'string', enum: ['low', 'normal', 'high', 'urgent'] }, { type: 'null' }] } },
    });

    const task = await callJson(client, 'create_task', { title: 'Build the landing page', priority: 'high' });
    expect(task).toMatchObject({ title: 'Build the landing page', priority: 'high', status: 'inbox' });
    const taskId = task.id as string;
    await callJson(client, 'update_task_status', { task_id: taskId, status: 'in_progress' });
    await callJson(client, 'log_activity', { task_id: taskId, activity_type: 'updated', message: 'Triaged and assigned' });
    const session = await callJson(client, 'register_subagent', { task_id: taskId, openclaw_session_id: 'mcp-child-1', agent_name: 'Designer Sub-Agent' });
    expect(session).toMatchObject({ status: 'active', session_type: 'subagent', task_id: taskId });
    await callJson(client, 'log_activity', { task_id: taskId, activity_type: 'file_created', message: 'Wrote index.html', metadata: { path: 'index.html' } });
    const output = await callJson(client, 'append_output', { session_id: 'mcp-child-1', lines: ['building…', 'done'] });
    expect(output).toMatchObject({ from: 1, to: 2 });
    await callJson(client, 'add_deliverable', { task_id: taskId, deliverable_type: 'file', title: 'Landing page', path: 'index.html' });
    const ended = await callJson(client, 'complete_session', { session_id: 'mcp-child-1', summary: 'Page built' });
    expect(ended).toMatchObject({ status: 'completed', summary: 'Page built' });
    await callJson(client, 'update_task_status', { task_id: taskId, status: 'review' });

    const read = await callJson<{ status: string; activities: { message: string }[]; deliverables: unknown[] }>(client, 'get_task', { task_id: taskId });
    expect(read.status).toBe('review');
    expect(read.activities.map((activity) => activity.message)).toEqual(expect.arrayContaining(['Triaged and assigned', 'Wrote index.html']));
    expect(read.deliverables).toHaveLength(1);
    const listed = await callJson<{ id: string }[]>(client, 'list_tasks', { status: 'review' });
    expect(listed.map((item) => item.id)).toEqual([taskId]);

    const resources = await client.listResources();
    expect(resources.resources).toEqual([expect.objectContaining({ uri: `mission-control://tasks/${taskId}`, name: 'Build the landing page', mimeType: 'application/json' })]);
    const resource = await client.readResource({ uri: `mission-control://tasks/${taskId}` });
    const body = JSON.parse((resource.contents[0] as { text: string }).text) as { id: string; activities: { activity_type: string }[] };
    expect(body.id).toBe(taskId);
    expect(body.activities[0].activity_type).toBe('status_changed');

    const refused = await call(client, 'update_task_status', { task_id: 'no-such-task', status: 'done' });
    expect(refused).toMatchObject({ isError: true, content: [{ text: '404 Not Found: Task "no-such-task" not found' }] });

    const expected = ['task_created', 'task_updated', 'activity_logged', 'activity_logged', 'agent_spawned', 'activity_logged', 'deliverable_added', 'agent_completed', 'task_updated'];
    const ofTask = () => board.events.filter((event: MissionEvent) => event.task_id === taskId).map((event) => event.type);
    await waitUntil(() => expected.every((type) => ofTask().includes(type)) && ofTask().length >= 11, 10_000, 'the MCP writes on the Socket.IO board');
    for (const type of expected) expect(ofTask()).toContain(type);
    expect(ofTask()[0]).toBe('task_created');
    expect(ofTask().at(-1)).toBe('activity_logged');
  }

  it('over streamable HTTP at /api/mcp: runs a task through the tools with the caller token', async () => {
    const transport = httpTransport(t);
    const client = await connect(transport);
    expect(transport.sessionId).toEqual(expect.any(String));
    try {
      await orchestrate(client);
    } catch (error) {
      await client.close();
      throw error;
    }

    // The session belongs to the caller that opened it.
    const stranger = await fetch(new URL('/api/mcp', t.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'Mcp-Session-Id': transport.sessionId!, 'Mcp-Protocol-Version': '2025-06-18', Authorization: 'Bearer someone-else' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'tools/list' }),
    });
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ statusCode: 404, error: 'Not Found', message: expect.stringMatching(/MCP session .* not found/) });

    // DELETE ends the session.
    const id = transport.sessionId!;
    await transport.terminateSession();
    const after = await fetch(new URL('/api/mcp', t.url), { method: 'GET', headers: { Accept: 'text/event-stream', 'Mcp-Session-Id': id, Authorization: `Bearer ${TOKEN}` } });
    expect(after.status).toBe(404);
    await client.close();
  });

  it('over streamable HTTP: a caller without a valid token is refused before any session opens', async () => {
    for (const token of [null, 'wrong-token']) {
      const client = new Client({ name: 'intruder', version: '1.0.0' });
      await expect(client.connect(httpTransport(t, token))).rejects.toThrow(/401/);
    }
    const noSession = await fetch(new URL('/api/mcp', t.url), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect(noSession.status).toBe(400);
    expect(await noSession.json()).toMatchObject({ statusCode: 400, message: expect.stringMatching(/initialize/) });
    expect(t.count('tasks')).toBe(0);
  });

  it('over stdio (npx mission-control mcp --url … --token …): the same tools, as a child process', async () => {
    const client = await connect(stdioTransport(t));
    try {
      await orchestrate(client);
    } finally {
      await client.close();
    }
  });

  it('over stdio with a wrong token: each tool says the server refused it', async () => {
    const client = await connect(stdioTransport(t, 'wrong-token'));
    try {
      const result = await call(client, 'create_task', { title: 'nope' });
      expect(result).toMatchObject({ isError: true, content: [{ text: '401 Unauthorized: Invalid API token' }] });
      expect(t.count('tasks')).toBe(0);
    } finally {
      await client.close();
    }
  });
});
