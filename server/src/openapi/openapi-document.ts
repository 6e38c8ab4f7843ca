import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { describeDtosForSwagger } from './dto-properties';
import { MCP_PATHS } from './mcp-paths';
import { RESPONSE_SCHEMAS, ref } from './response-schemas';
import { ROUTE_RESPONSES, RouteResponse, routeKey } from './route-responses';

type Operation = Record<string, unknown> & { responses: Record<string, unknown>; parameters?: Record<string, unknown>[] };

const WRITES = new Set(['post', 'patch', 'delete']);
const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };

export const OPENAPI_JSON_PATH = '/api/openapi.json';
export const DOCS_PATH = '/api/docs';

/**
 * The OpenAPI 3 document of the whole API: routes, parameters and request bodies scanned by
 * `@nestjs/swagger` from the controllers and the validating DTOs, responses from `ROUTE_RESPONSES`,
 * the one error body on every operation, and the MCP endpoint (mounted outside Nest's router).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  describeDtosForSwagger();
  const config = new DocumentBuilder()
    .setTitle('Mission Control')
    .setDescription(
      'The live control room for AI agents at work. Every change is also an event: follow them on Socket.IO, ' +
        '`GET /api/events/stream` (Server-Sent Events) or `/api/ws` (WebSocket). With `MC_API_TOKEN` set, send ' +
        '`Authorization: Bearer <token>` (or `?token=` on the stream and file URLs).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'MC_API_TOKEN, or a token issued by POST /api/tokens' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  document.components = {
    ...document.components,
    schemas: { ...RESPONSE_SCHEMAS, ...document.components?.schemas },
    responses: { Error: { description: 'The one error body: `{statusCode, error, message}`', content: { 'application/json': { schema: ref('ErrorBody') } } } },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) complete(method, path, operation);
  }
  Object.assign(document.paths, MCP_PATHS, documentationPaths());
  return document;
}

function complete(method: string, path: string, operation: Operation): void {
  const known: RouteResponse | undefined = ROUTE_RESPONSES[routeKey(method, path)];
  const statuses = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status));
  const status = statuses[0] ?? (method === 'post' ? '201' : '200');
  operation.summary = known?.summary ?? operation.summary;
  operation.tags = [path.split('/')[2] ?? 'api'];
  operation.responses = { [status]: success(status, known) };
  for (const [also, description] of Object.entries(known?.also ?? {})) {
    operation.responses[also] = /^2/.test(also) ? { ...success(also, known), description } : { description, content: { 'application/json': { schema: ref('ErrorBody') } } };
  }
  operation.responses['4XX'] = ERROR_RESPONSE;
  operation.responses['5XX'] = ERROR_RESPONSE;
  operation.security = path === '/api/health' ? [] : [{ bearer: [] }];
  const headers: Record<string, unknown>[] = [];
  if (WRITES.has(method)) headers.push(header('Idempotency-Key', 'Repeat the write with the same key (within 24 h) to get the first response back and write nothing'));
  if (method === 'patch' && path === '/api/tasks/{id}') headers.push(header('If-Match', "The task's version: the change happens only if it is still that version (412 otherwise)"));
  if (path === '/api/events/stream') headers.push(header('Last-Event-ID', 'Resume after this sequence number'));
  const ours = new Set(headers.map((item) => String(item.name).toLowerCase()));
  operation.parameters = [...(operation.parameters ?? []).filter((item) => !(item.in === 'header' && ours.has(String(item.name).toLowerCase()))), ...headers];
  for (const parameter of operation.parameters) {
    // `@IsOptional` lets a body field be null; a query parameter is simply left out.
    if (parameter.in === 'query') delete (parameter.schema as Record<string, unknown> | undefined)?.nullable;
  }
  if (!operation.parameters.length) delete operation.parameters;
}

function success(status: string, known: RouteResponse | undefined): Record<string, unknown> {
  const description = known?.summary ?? 'OK';
  if (status === '204') return { description };
  if (known?.contentType) return { description, content: { [known.contentType]: { schema: { type: 'string', format: 'binary' } } } };
  return { description, content: { 'application/json': { schema: known?.schema ?? {} } } };
}

function header(name: string, description: string): Record<string, unknown> {
  return { name, in: 'header', required: false, description, schema: { type: 'string' } };
}

function documentationPaths(): OpenAPIObject['paths'] {
  return {
    [OPENAPI_JSON_PATH]: {
      get: {
        operationId: 'OpenApi_document',
        summary: 'This document',
        tags: ['docs'],
        security: [],
        responses: { '200': { description: 'The OpenAPI 3 document', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
    [DOCS_PATH]: {
      get: {
        operationId: 'OpenApi_page',
        summary: 'A browsable page of this document',
        tags: ['docs'],
        security: [],
        responses: { '200': { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } } },
      },
    },
  };
}
