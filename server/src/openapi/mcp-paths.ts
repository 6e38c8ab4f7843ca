import { ref } from './response-schemas';

const error = { $ref: '#/components/responses/Error' };
const session = {
  name: 'Mcp-Session-Id',
  in: 'header',
  description: 'The session the server gave in its answer to `initialize`',
  schema: { type: 'string' },
};

/** `/api/mcp`: the Model Context Protocol over streamable HTTP (JSON-RPC 2.0 messages; see README "MCP"). */
export const MCP_PATHS = {
  '/api/mcp': {
    post: {
      operationId: 'Mcp_post',
      summary: 'Send one MCP message (start with `initialize`; later calls carry Mcp-Session-Id)',
      tags: ['mcp'],
      security: [{ bearer: [] }],
      parameters: [{ ...session, required: false }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('JsonRpcMessage') } } },
      responses: {
        '200': {
          description: 'The JSON-RPC answer, as JSON or as a short event stream',
          content: { 'application/json': { schema: ref('JsonRpcMessage') }, 'text/event-stream': { schema: { type: 'string' } } },
        },
        '202': { description: 'A notification or response was accepted' },
        '4XX': error,
        '5XX': error,
      },
    },
    get: {
      operationId: 'Mcp_stream',
      summary: "The session's stream of server-to-client messages",
      tags: ['mcp'],
      security: [{ bearer: [] }],
      parameters: [{ ...session, required: true }],
      responses: { '200': { description: 'Server-Sent Events', content: { 'text/event-stream': { schema: { type: 'string' } } } }, '4XX': error, '5XX': error },
    },
    delete: {
      operationId: 'Mcp_end',
      summary: 'End the session',
      tags: ['mcp'],
      security: [{ bearer: [] }],
      parameters: [{ ...session, required: true }],
      responses: { '200': { description: 'The session is closed' }, '4XX': error, '5XX': error },
    },
  },
};
