import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** What the class-validator decorators of one DTO field allow, in JSON Schema terms. */
export interface FieldRule {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  /** Left out of a body (`@IsOptional`, `ValidateIf`): not required. */
  required: boolean;
  /** `@IsOptional` also lets `null` through; `Absentable` does not. */
  nullable: boolean;
  enum?: readonly (string | number)[];
  format?: string;
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  /** The items of an array field (`{each: true}` validators, or a nested DTO class). */
  items?: Omit<FieldRule, 'required' | 'nullable'>;
  /** A nested DTO (`@ValidateNested` with class-transformer's `@Type`). */
  dto?: DtoClass;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DtoClass = new (...args: any[]) => object;

type Scalar = Omit<FieldRule, 'required' | 'nullable' | 'items'>;

/** class-transformer's `@Type(() => X)`: where the class of a nested field is recorded. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const transformerStorage = require('class-transformer/cjs/storage').defaultMetadataStorage as {
  findTypeMetadata(target: DtoClass, property: string): { typeFunction: () => unknown } | undefined;
};

/**
 * Reads the class-validator decorators of a DTO (and of the classes it extends) into one rule per field.
 * The same decorators validate requests, so the OpenAPI document and the MCP tool schemas built from
 * these rules cannot drift from what the server accepts.
 */
export function dtoRules(dto: DtoClass): Record<string, FieldRule> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byField = new Map<string, ValidationMetadata[]>();
  for (const item of metadata) byField.set(item.propertyName, [...(byField.get(item.propertyName) ?? []), item]);
  const rules: Record<string, FieldRule> = {};
  for (const [field, items] of byField) rules[field] = fieldRule(dto, field, items);
  return rules;
}

/** Every class the running process has class-validator decorators for (all DTOs that were imported). */
export function decoratedClasses(): DtoClass[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, unknown[]> };
  return [...storage.validationMetadatas.keys()].filter((target) => typeof target === 'function');
}

function fieldRule(dto: DtoClass, field: string, items: ValidationMetadata[]): FieldRule {
  const own: Scalar = { type: 'string' };
  const each: Scalar = { type: 'string' };
  let typed = false;
  let eachTyped = false;
  let isArray = false;
  let optional = false;
  let nullable = false;
  for (const item of items) {
    if (item.type === 'conditionalValidation') {
      optional = true;
      if (item.name === 'isOptional') nullable = true;
      continue;
    }
    if (item.name === 'isArray') isArray = true;
    const target = item.each ? each : own;
    const gaveType = apply(target, item);
    if (gaveType && item.each) eachTyped = true;
    else if (gaveType) typed = true;
  }
  if (items.some((item) => item.type === 'nestedValidation')) {
    const nested = transformerStorage.findTypeMetadata(dto, field)?.typeFunction() as DtoClass | undefined;
    const designType = Reflect.getMetadata('design:type', dto.prototype, field) as unknown;
    if (designType === Array) isArray = true;
    if (nested) {
      if (isArray) return { type: 'array', required: !optional, nullable, items: { type: 'object', dto: nested }, ...arrayBounds(own) };
      return { ...own, type: 'object', required: !optional, nullable, dto: nested };
    }
  }
  if (isArray || eachTyped) {
    return { type: 'array', required: !optional, nullable, items: eachTyped ? each : { type: 'string' }, ...arrayBounds(own) };
  }
  if (!typed) own.type = designTypeOf(dto, field);
  return { ...own, required: !optional, nullable };
}

function arrayBounds(rule: Scalar): Pick<FieldRule, 'minItems' | 'maxItems'> {
  return { minItems: rule.minItems, maxItems: rule.maxItems };
}

/** Applies one validator to a rule; true when it says what type the value has. */
function apply(rule: Scalar, item: ValidationMetadata): boolean {
  const [first] = (item.constraints ?? []) as unknown[];
  switch (item.name) {
    case 'isString':
      rule.type = 'string';
      return true;
    case 'isInt':
      rule.type = 'integer';
      return true;
    case 'isNumber':
      rule.type = 'number';
      return true;
    case 'isBoolean':
      rule.type = 'boolean';
      return true;
    case 'isIn':
      rule.enum = first as readonly string[];
      rule.type = typeof (first as unknown[])[0] === 'number' ? 'integer' : 'string';
      return true;
    case 'isEnum':
      rule.enum = Object.values(first as object);
      rule.type = 'string';
      return true;
    case 'isJsonObject':
    case 'isObject':
      rule.type = 'object';
      return true;
    case 'isIso8601':
    case 'isDateString':
      rule.type = 'string';
      // Not `format: date-time`: a date alone is accepted too.
      rule.description = 'an ISO-8601 date or date-time';
      return true;
    case 'isUrl':
      rule.format = 'uri';
      return false;
    case 'isUuid':
      rule.format = 'uuid';
      return false;
    case 'isNotEmpty':
      rule.minLength = Math.max(rule.minLength ?? 0, 1);
      return false;
    case 'maxLength':
      rule.maxLength = first as number;
      return false;
    case 'minLength':
      rule.minLength = first as number;
      return false;
    case 'min':
      rule.minimum = first as number;
      return false;
    case 'max':
      rule.maximum = first as number;
      return false;
    case 'arrayMinSize':
    case 'arrayNotEmpty':
      rule.minItems = (first as number | undefined) ?? 1;
      return false;
    case 'arrayMaxSize':
      rule.maxItems = first as number;
      return false;
    default:
      return false;
  }
}

function designTypeOf(dto: DtoClass, field: string): FieldRule['type'] {
  const type = Reflect.getMetadata('design:type', dto.prototype, field) as unknown;
  if (type === Number) return 'number';
  if (type === Boolean) return 'boolean';
  if (type === Array) return 'array';
  // `string | null` is recorded as Object too, so Object says nothing: strings are what DTOs carry.
  return 'string';
}

/** A rule as a JSON Schema (OpenAPI 3.0 flavour: `nullable`), nested DTOs by `$ref`-able name via `refFor`. */
export function ruleToSchema(rule: Omit<FieldRule, 'required' | 'nullable'> & { nullable?: boolean }, refFor: (dto: DtoClass) => object): object {
  if (rule.dto && rule.type === 'object') return rule.nullable ? { allOf: [refFor(rule.dto)], nullable: true } : refFor(rule.dto);
  const schema: Record<string, unknown> = { type: rule.type };
  for (const key of ['description', 'enum', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const) {
    if (rule[key] !== undefined) schema[key] = rule[key];
  }
  if (rule.type === 'array') schema.items = rule.items ? ruleToSchema(rule.items, refFor) : {};
  if (rule.type === 'object') schema.additionalProperties = true;
  if (rule.nullable) schema.nullable = true;
  return schema;
}
