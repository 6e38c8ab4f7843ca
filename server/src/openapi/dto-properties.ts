import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { DtoClass, FieldRule, decoratedClasses, dtoRules, ruleToSchema } from './dto-rules';

const described = new WeakSet<DtoClass>();

/**
 * Gives every DTO the `@ApiProperty` metadata `@nestjs/swagger` reads, derived from its class-validator
 * decorators (our build is plain `tsc`, without the Nest CLI plugin that would otherwise infer it).
 * Runs once per class, before the document is scanned.
 */
export function describeDtosForSwagger(): void {
  for (const dto of decoratedClasses()) {
    if (described.has(dto)) continue;
    described.add(dto);
    for (const [field, rule] of Object.entries(dtoRules(dto))) ApiProperty(propertyOptions(rule))(dto.prototype, field);
  }
}

function propertyOptions(rule: FieldRule): ApiPropertyOptions {
  const common = { required: rule.required, nullable: rule.nullable || undefined };
  if (rule.type === 'object' && rule.dto) return { ...common, type: () => rule.dto as DtoClass };
  if (rule.type === 'array' && rule.items?.dto) {
    return { ...common, type: () => rule.items?.dto as DtoClass, isArray: true, minItems: rule.minItems, maxItems: rule.maxItems };
  }
  // Everything else is plain JSON Schema; nested classes were handled above, so `refFor` is never needed.
  return { ...ruleToSchema(rule, () => ({})), ...common } as ApiPropertyOptions;
}
