import { BadRequestException, ValidationError, ValidationPipe, applyDecorators } from '@nestjs/common';
import { LIMITS } from '@mission-control/shared';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';

/** The field may be left out, but when present it must pass the other rules (so `null` is refused). */
export const Absentable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/**
 * An optional reference to a row by its id (an agent, a task…), null allowed: when given, a non-empty string of at
 * most `LIMITS.id` characters. The rules register in the order the stacked decorators did (bottom first), so the
 * first failing one, and its message, stay the same.
 */
export const IsOptionalId = (): PropertyDecorator => applyDecorators(IsString(), MaxLength(LIMITS.id), IsNotEmpty(), IsOptional());

/** A plain JSON object (not an array, not null) whose JSON text fits in `maxBytes`. */
export function isJsonObject(value: unknown, maxBytes: number): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Buffer.byteLength(JSON.stringify(value)) <= maxBytes;
}

/** The field must be what `isJsonObject` accepts. */
export function IsJsonObject(maxBytes: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isJsonObject',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [maxBytes],
      options,
      validator: {
        validate: (value: unknown) => isJsonObject(value, maxBytes),
        defaultMessage: (args) => `${args?.property} must be a JSON object of at most ${maxBytes} bytes`,
      },
    });
}

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      // class-validator names the leaf property; prefix the parent path for nested objects.
      parent ? `${parent}.${text}` : text,
    );
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Unknown fields, wrong types and bad enum values are a 400 whose message names each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new BadRequestException(flatten(errors).join('; ') || 'Invalid request'),
  });
}
