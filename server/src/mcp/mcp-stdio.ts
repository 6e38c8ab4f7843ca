import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { MissionControlClient } from '@mission-control/shared';
import { createMcpServer } from './mcp-tools';

/**
 * The MCP server over stdio (`mission-control mcp`), for MCP clients that start their servers as child
 * processes. Its tools call the server at `url` with `token`, like any client. Resolves when the MCP
 * client closes stdin. stdout carries the protocol only.
 */
export async function serveMcpOverStdio(options: { url: string; token: string | null }): Promise<void> {
  const client = new MissionControlClient({ baseUrl: options.url, token: options.token });
  const server = createMcpServer(() => client);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  await server.connect(transport);
  process.stdin.once('end', () => void server.close());
  await closed;
}
