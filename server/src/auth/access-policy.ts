import { AccessRule } from './access.decorators';
import { Principal } from './principal';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes agents may make on routes declared outside this folder by path (their controllers can add
 * `@Allow('agent')` instead): session output, and the original Mission Control's session call.
 */
const AGENT_WRITE_PATHS: Array<{ method: string; path: RegExp }> = [
  { method: 'POST', path: /^\/api\/sessions\/[^/]+\/output\/?$/ },
  { method: 'PATCH', path: /^\/api\/openclaw\/sessions\/[^/]+\/?$/ },
];

/** Paths served to anybody, without a token and without counting against a rate limit. */
export const PUBLIC_PATHS = [/^\/api\/health\/?$/, /^\/api\/openapi\.json$/, /^\/api\/docs(\/.*)?$/];

export const isReadMethod = (method: string): boolean => READS.has(method);

/** Why `principal` may not make this request (the 403 message), or null. */
export function accessRefusal(principal: Principal, method: string, path: string, rule: AccessRule | undefined): string | null {
  if (principal.via === 'link') return method === 'GET' || method === 'HEAD' ? null : 'A signed link opens one file, nothing else';
  if (principal.role === 'operator') return null;
  const read = isReadMethod(method);
  const declared = rule?.roles?.includes(principal.role as 'agent' | 'viewer') ?? false;
  if (principal.role === 'viewer' && !read && !declared) return `A viewer token may only read and follow streams: ${method} ${path} is a write`;
  if (rule?.operatorOnly) return `Only the operator (MC_API_TOKEN) may use ${path}`;
  if (read || declared) return null;
  if (principal.role === 'agent' && AGENT_WRITE_PATHS.some((p) => p.method === method && p.path.test(path))) return null;
  return (
    `An agent token may not ${method} ${path}: agents may log activities, output and deliverables, register, end and ` +
    `heartbeat sessions, and change a task's status and assignee`
  );
}

/**
 * Credits an agent's write to its agent, in place: `rule.credit` naming another agent is refused, absent
 * (or null) is filled with the token's agent; with `rule.only`, other fields are refused. Bodies that are
 * not objects are left for validation to refuse. Returns the 403 message, or null.
 */
export function creditAgent(principal: Principal, rule: AccessRule | undefined, body: unknown): string | null {
  if (principal.role !== 'agent' || !principal.agentId || !rule) return null;
  const items = Array.isArray(body) ? body : [body];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    const record = item as Record<string, unknown>;
    const where = Array.isArray(body) ? `[${index}].` : '';
    if (rule.only) {
      const extra = Object.keys(record).find((key) => key !== rule.credit && !rule.only!.includes(key));
      if (extra !== undefined) return `An agent token may change only ${rule.only.join(' and ')} here, not ${where}${extra}`;
    }
    if (!rule.credit) continue;
    const named = record[rule.credit];
    if (named === undefined || named === null) record[rule.credit] = principal.agentId;
    else if (typeof named === 'string' && named !== principal.agentId) {
      return `${where}${rule.credit} "${named}" is another agent: this token writes as agent "${principal.agentId}" only`;
    }
  }
  return null;
}
