import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { ACTIVITY_BATCH_MAX, ACTIVITY_TYPES, ActivityType, CreateActivityBody, LIMITS } from '@mission-control/shared';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, validateSync } from 'class-validator';
import { IsJsonObject, IsOptionalId, isJsonObject } from '../../common/validation';

export class CreateActivityDto implements CreateActivityBody {
  @IsIn(ACTIVITY_TYPES)
  activity_type: ActivityType;

  @IsNotEmpty()
  @MaxLength(LIMITS.message)
  @IsString()
  message: string;

  @IsOptionalId()
  agent_id?: string | null;

  @IsOptional()
  @IsJsonObject(LIMITS.metadataBytes)
  metadata?: Record<string, unknown> | null;
}

/**
 * The body of `POST /api/tasks/:id/activities`: one activity, or an array of 1–1000. Each item is validated as
 * the single body is; a bad item is a 400 naming it (`[3].activity_type must be one of …`).
 */
@Injectable()
export class ActivityBodyPipe implements PipeTransform<unknown, CreateActivityDto | CreateActivityDto[]> {
  transform(body: unknown): CreateActivityDto | CreateActivityDto[] {
    if (!Array.isArray(body)) return validItem(body, '');
    if (body.length < 1 || body.length > ACTIVITY_BATCH_MAX) {
      throw new BadRequestException(`A batch must hold 1 to ${ACTIVITY_BATCH_MAX} activities, got ${body.length}`);
    }
    const problems: string[] = [];
    const items = body.map((item, i) => {
      try {
        return validItem(item, `[${i}].`);
      } catch (error) {
        problems.push((error as BadRequestException).message);
        return null;
      }
    });
    if (problems.length > 0) {
      const more = problems.length > MAX_REPORTED ? `; and ${problems.length - MAX_REPORTED} more bad items` : '';
      throw new BadRequestException(problems.slice(0, MAX_REPORTED).join('; ') + more);
    }
    return items as CreateActivityDto[];
  }
}

const MAX_REPORTED = 10;

function validItem(value: unknown, prefix: string): CreateActivityDto {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequestException(prefix ? `${prefix.slice(0, -1)} must be an activity object` : 'The body must be an activity object or an array of them');
  }
  if (plainlyValid(value as Record<string, unknown>)) return value as CreateActivityDto;
  const dto = plainToInstance(CreateActivityDto, value);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length > 0) {
    const messages = errors.flatMap((error) =>
      Object.entries(error.constraints ?? {}).map(([name, text]) =>
        // class-validator words an unknown field "property x should not exist"; name it like the others.
        name === 'whitelistValidation' && prefix ? `${prefix}${error.property} should not exist` : prefix + text,
      ),
    );
    throw new BadRequestException(messages.join('; '));
  }
  return dto;
}

const FIELDS: ReadonlySet<string> = new Set(['activity_type', 'message', 'agent_id', 'metadata']);

/**
 * The decorators of CreateActivityDto written out as plain checks, for the usual case of a valid item, which
 * is then used as it is. class-validator (a plainToInstance copy, then a metadata lookup and a validator call
 * per rule) costs more per item than SQLite's insert of it: most of a batch's CPU besides SQLite. An item these
 * checks do not plainly accept goes through class-validator, which decides and words the 400, so they may refuse
 * more than the decorators do, never less (`create-activity.dto.spec.ts` holds them to that, and to the list of
 * decorators they were written for). `@IsOptional` lets null and undefined through; `length` counts UTF-16 units,
 * never fewer than the characters `@MaxLength` counts.
 */
function plainlyValid(item: Record<string, unknown>): boolean {
  for (const key of Object.keys(item)) if (!FIELDS.has(key)) return false;
  const { activity_type, message, agent_id, metadata } = item;
  return (
    (ACTIVITY_TYPES as readonly unknown[]).includes(activity_type) &&
    typeof message === 'string' &&
    message !== '' &&
    message.length <= LIMITS.message &&
    (agent_id === undefined || agent_id === null || (typeof agent_id === 'string' && agent_id !== '' && agent_id.length <= LIMITS.id)) &&
    (metadata === undefined || metadata === null || isJsonObject(metadata, LIMITS.metadataBytes))
  );
}
