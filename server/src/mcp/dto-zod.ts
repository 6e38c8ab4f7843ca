import { z } from 'zod';
import { DtoClass, FieldRule, dtoRules } from '../openapi/dto-rules';

export type ZodShape = Record<string, z.ZodType>;

/**
 * A tool's input schema from the DTO the REST route validates with, so an MCP client is told exactly
 * what the server accepts. `pick` keeps some fields; `require` makes optional ones required.
 */
export function dtoShape(dto: DtoClass, options: { pick?: string[]; require?: string[] } = {}): ZodShape {
  const shape: ZodShape = {};
  for (const [field, rule] of Object.entries(dtoRules(dto))) {
    if (options.pick && !options.pick.includes(field)) continue;
    const required = rule.required || (options.require ?? []).includes(field);
    shape[field] = zodFor({ ...rule, required });
  }
  return shape;
}

function zodFor(rule: FieldRule): z.ZodType {
  let schema = scalar(rule);
  if (rule.nullable && !rule.required) schema = schema.nullable();
  return rule.required ? schema : schema.optional();
}

function scalar(rule: Omit<FieldRule, 'required' | 'nullable'>): z.ZodType {
  if (rule.dto) return z.object(dtoShape(rule.dto));
  switch (rule.type) {
    case 'string': {
      if (rule.enum) return z.enum(rule.enum.map(String) as [string, ...string[]]);
      let text = rule.description ? z.string().describe(rule.description) : z.string();
      if (rule.minLength !== undefined) text = text.min(rule.minLength);
      if (rule.maxLength !== undefined) text = text.max(rule.maxLength);
      return text;
    }
    case 'integer':
    case 'number': {
      let number = rule.type === 'integer' ? z.number().int() : z.number();
      if (rule.minimum !== undefined) number = number.min(rule.minimum);
      if (rule.maximum !== undefined) number = number.max(rule.maximum);
      return number;
    }
    case 'boolean':
      return z.boolean();
    case 'array': {
      let list = z.array(rule.items ? scalar(rule.items) : z.unknown());
      if (rule.minItems !== undefined) list = list.min(rule.minItems);
      if (rule.maxItems !== undefined) list = list.max(rule.maxItems);
      return list;
    }
    case 'object':
      return z.record(z.string(), z.unknown());
  }
}
