import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { ACTIVITY_BATCH_MAX, ACTIVITY_TYPES, ActivityType, CreateActivityBody, LIMITS } from '@mission-control/shared';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, validateSync } from 'class-validator';
import { IsJsonObject } from '../../common/validation';

export class CreateActivityDto implements CreateActivityBody {
  @IsIn(ACTIVITY_TYPES)
  activity_type: ActivityType;

  @IsNotEmpty()
  @MaxLength(LIMITS.message)
  @IsString()
  message: string;

  @IsOptional()
  @IsNotEmpty()
  @MaxLength(LIMITS.id)
  @IsString()
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
