import { INestApplication, Logger } from '@nestjs/common';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { MissionControlClient, MissionControlError } from '@mission-control/shared';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { IncomingMessage, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { bearerToken } from '../auth/authorization';
import { errorBody } from '../common/error-body';
import { takeOver } from '../common/raw-response';
import { AppConfig } from '../config/app-config';
import { createMcpServer } from './mcp-tools';

export const MCP_PATH = '/api/mcp';
/** Sessions held at once; past it the least recently used one is closed. */
const MAX_SESSIONS = 1000;
/** A session nobody used for this long is closed. */
const IDLE_MS = 30 * 60_000;

interface Session {
  transport: StreamableHTTPServerTransport;
  /** A hash of the `Authorization` that opened it: only the same caller may use it. */
  caller: string;
  lastUsed: number;
}

/**
 * The MCP server over streamable HTTP at `/api/mcp` (POST, GET, DELETE), one `McpServer` per session.
 * Its tools call this server's REST API over loopback HTTP with the caller's own `Authorization`, so a
 * caller can do through MCP exactly what its token allows through REST, and nothing more.
 */
export function useMcpRoute(app: INestApplication, config: AppConfig): void {
  const sessions = new Map<string, Session>();
  const streams = new Set<Socket>();
  const logger = new Logger('MCP');
  const clientFor = (token: string | null | undefined) => new MissionControlClient({ baseUrl: selfUrl(app, config), token, retries: 1 });

  const open = async (req: FastifyRequest, reply: FastifyReply, token: string | null) => {
    try {
      // Authenticate like any client before holding anything for the caller.
      await clientFor(token).listTasks({ limit: 1 });
    } catch (error) {
      const status = error instanceof MissionControlError && error.status >= 400 ? error.status : 502;
      return void reply.code(status).send(errorBody(status, (error as Error).message));
    }
    evictIfFull(sessions);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, { transport, caller: callerKey(req), lastUsed: Date.now() }),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    const server = createMcpServer((caller) => clientFor(caller.authInfo?.token ?? null));
    await server.connect(transport);
    await transport.handleRequest(withAuth(req, token), takeOver(reply), req.body);
  };

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(req.headers.authorization);
    const id = req.headers['mcp-session-id'];
    if (typeof id !== 'string') {
      if (req.method === 'POST' && isInitializeRequest(req.body)) return open(req, reply, token);
      return void reply.code(400).send(errorBody(400, 'No MCP session: send "initialize" first, then Mcp-Session-Id with every request'));
    }
    const session = sessions.get(id);
    if (!session || session.caller !== callerKey(req)) {
      // The same answer for someone else's session, so session ids cannot be probed.
      return void reply.code(404).send(errorBody(404, `MCP session ${id} not found (it ended or expired): initialize a new one`));
    }
    session.lastUsed = Date.now();
    if (req.method === 'GET') {
      // A long-lived stream: its connection is cut when the server closes.
      const socket = req.raw.socket;
      streams.add(socket);
      reply.raw.once('close', () => streams.delete(socket));
    }
    await session.transport.handleRequest(withAuth(req, token), takeOver(reply), req.body);
  };

  const route = (req: FastifyRequest, reply: FastifyReply) =>
    handle(req, reply).catch((error: unknown) => {
      logger.error(error instanceof Error ? error.stack : String(error));
      const body = errorBody(500, 'Internal server error');
      if (reply.raw.headersSent) return;
      // Taken over for the SDK (hijacked): answer on Node's response; otherwise through Fastify.
      if (reply.sent) reply.raw.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      else void reply.code(500).send(body);
    });
  const http = app.getHttpAdapter();
  http.post(MCP_PATH, route);
  http.get(MCP_PATH, route);
  http.delete(MCP_PATH, route);

  const sweep = setInterval(() => {
    for (const [id, session] of sessions) if (Date.now() - session.lastUsed > IDLE_MS) void closeSession(sessions, id);
  }, 60_000);
  sweep.unref();
  // Open GET streams would keep the HTTP server from closing: end every session as it starts to close.
  // (Nest's application object is a proxy that ignores assignments, so the hook goes on the server.)
  const server = app.getHttpServer() as Server;
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    clearInterval(sweep);
    for (const id of [...sessions.keys()]) void closeSession(sessions, id);
    for (const socket of streams) socket.destroy();
    return close(callback);
  }) as Server['close'];
}

async function closeSession(sessions: Map<string, Session>, id: string): Promise<void> {
  const session = sessions.get(id);
  sessions.delete(id);
  await session?.transport.close().catch(() => undefined);
}

function evictIfFull(sessions: Map<string, Session>): void {
  if (sessions.size < MAX_SESSIONS) return;
  const [oldest] = [...sessions.entries()].sort(([, a], [, b]) => a.lastUsed - b.lastUsed)[0];
  void closeSession(sessions, oldest);
}

function callerKey(req: FastifyRequest): string {
  return createHash('sha256').update(req.headers.authorization ?? '').digest('hex');
}

/** The SDK hands `req.auth` to every handler as `extra.authInfo`: that is how tools learn the caller's token. */
function withAuth(req: FastifyRequest, token: string | null): IncomingMessage & { auth?: { token: string; clientId: string; scopes: string[] } } {
  return Object.assign(req.raw, token ? { auth: { token, clientId: 'bearer', scopes: [] } } : {});
}

/** This server as a client on the same machine reaches it: loopback when it listens everywhere. */
function selfUrl(app: INestApplication, config: AppConfig): string {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
