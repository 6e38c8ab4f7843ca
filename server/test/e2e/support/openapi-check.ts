import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/*
 * A structural check of an OpenAPI 3.0 document. The official OpenAPI 3.0 JSON Schema (draft-04) is not
 * in node_modules and Ajv 8 cannot read draft-04, so this checks the rules of the specification that
 * matter for a client generator directly, and compiles every schema with Ajv in strict mode (which
 * knows OpenAPI's `nullable`), so a schema that is not valid JSON Schema fails too.
 */

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PARAMETER_LOCATIONS = ['query', 'header', 'path', 'cookie'];
const PATH_ITEM_KEYS = [...METHODS, 'summary', 'description', 'servers', 'parameters', '$ref'];
const OPERATION_KEYS = ['tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters', 'requestBody', 'responses', 'callbacks', 'deprecated', 'security', 'servers'];
const SCHEMA_BASE = 'https://mission-control.local/openapi.json';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function openApiProblems(doc: Json): string[] {
  const problems: string[] = [];
  const problem = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (typeof doc.openapi !== 'string' || !/^3\.0\.\d+$/.test(doc.openapi)) problem('openapi', `must be 3.0.x, is ${String(doc.openapi)}`);
  const info = doc.info as Json | undefined;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') problem('info', 'needs a title and a version');
  if (!isObject(doc.paths)) return [...problems, 'paths: missing'];
  for (const key of Object.keys(doc)) if (!['openapi', 'info', 'servers', 'paths', 'components', 'security', 'tags', 'externalDocs'].includes(key) && !key.startsWith('x-')) problem(key, 'is not an OpenAPI 3.0 field');

  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/')) problem(path, 'a path must start with /');
    if (!isObject(item)) {
      problem(path, 'not a path item');
      continue;
    }
    for (const key of Object.keys(item)) if (!PATH_ITEM_KEYS.includes(key)) problem(path, `"${key}" is not a path item field`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    for (const method of METHODS.filter((name) => name in item)) {
      const where = `${method.toUpperCase()} ${path}`;
      const operation = item[method] as Json;
      for (const key of Object.keys(operation)) if (!OPERATION_KEYS.includes(key) && !key.startsWith('x-')) problem(where, `"${key}" is not an operation field`);
      if (typeof operation.operationId === 'string') {
        if (operationIds.has(operation.operationId)) problem(where, `duplicate operationId ${operation.operationId}`);
        operationIds.add(operation.operationId);
      }
      const parameters = (operation.parameters ?? []) as Json[];
      const seen = new Set<string>();
      for (const parameter of parameters.map((p) => resolve(doc, p))) {
        if (typeof parameter.name !== 'string' || !PARAMETER_LOCATIONS.includes(parameter.in as string)) problem(where, `bad parameter ${JSON.stringify(parameter)}`);
        if (seen.has(`${parameter.in}:${String(parameter.name).toLowerCase()}`)) problem(where, `parameter ${parameter.name} in ${parameter.in} twice`);
        seen.add(`${parameter.in}:${String(parameter.name).toLowerCase()}`);
        if (parameter.in === 'path' && parameter.required !== true) problem(where, `path parameter ${parameter.name} must be required`);
        if (parameter.in === 'path' && !templated.includes(parameter.name as string)) problem(where, `path parameter ${parameter.name} is not in the path`);
        if (!isObject(parameter.schema) && !isObject(parameter.content)) problem(where, `parameter ${parameter.name} needs a schema`);
      }
      for (const name of templated) if (!seen.has(`path:${name.toLowerCase()}`)) problem(where, `{${name}} has no path parameter`);
      if (operation.requestBody !== undefined) {
        const body = resolve(doc, operation.requestBody as Json);
        if (!isObject(body.content) || !Object.keys(body.content).length) problem(where, 'requestBody needs content');
      }
      if (!isObject(operation.responses) || !Object.keys(operation.responses).length) {
        problem(where, 'needs responses');
        continue;
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problem(where, `response key "${status}" is not a status code`);
        if (typeof resolve(doc, response as Json).description !== 'string') problem(where, `response ${status} needs a description`);
      }
    }
  }
  for (const ref of refs(doc)) {
    if (!ref.startsWith('#/')) problem(ref, 'only local references are used here');
    else if (pointer(doc, ref) === undefined) problem(ref, 'does not resolve');
  }
  return problems;
}

/** Ajv over the document's schemas: compile any schema in it, `$ref`s to components included. */
export function schemaCompiler(doc: Json): (schema: unknown) => ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('example');
  ajv.addSchema({ $id: SCHEMA_BASE, definitions: rewriteRefs((doc.components as Json | undefined)?.schemas ?? {}) });
  return (schema) => ajv.compile(rewriteRefs(schema) as object);
}

/** Every schema the document contains: components, parameters, request and response bodies. */
export function allSchemas(doc: Json): { where: string; schema: unknown }[] {
  const found: { where: string; schema: unknown }[] = [];
  const components = ((doc.components as Json | undefined)?.schemas ?? {}) as Json;
  for (const [name, schema] of Object.entries(components)) found.push({ where: `#/components/schemas/${name}`, schema });
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const [method, operation] of Object.entries(item as Record<string, Json>)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const parameter of (operation.parameters ?? []) as Json[]) found.push({ where: `${where} ${parameter.name}`, schema: parameter.schema });
      for (const media of Object.values(((operation.requestBody as Json | undefined)?.content ?? {}) as Record<string, Json>)) found.push({ where: `${where} body`, schema: media.schema });
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        for (const media of Object.values((resolve(doc, response as Json).content ?? {}) as Record<string, Json>)) found.push({ where: `${where} ${status}`, schema: media.schema });
      }
    }
  }
  return found;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' ? item.replace('#/components/schemas/', `${SCHEMA_BASE}#/definitions/`) : rewriteRefs(item)]),
  );
}

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refs(item, found));
  else if (isObject(value)) for (const [key, item] of Object.entries(value)) key === '$ref' && typeof item === 'string' ? found.push(item) : refs(item, found);
  return found;
}

function pointer(doc: Json, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, part) => (isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
}

function resolve(doc: Json, value: Json): Json {
  return typeof value?.$ref === 'string' ? (pointer(doc, value.$ref) as Json) : value;
}
