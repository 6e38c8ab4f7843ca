import { IsISO8601, Matches, IsOptional } from 'class-validator';
import { UpdateSessionDto } from './update-session.dto';

/**
 * The original Mission Control's body for ending a session: `{status, ended_at?}`. `ended_at`, when
 * given, is when the sub-agent says it finished; otherwise the server's clock decides, as on PATCH /api/sessions.
 */
export class EndOpenclawSessionDto extends UpdateSessionDto {
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i, {
    message: 'ended_at must be a date and time, such as 2026-01-22T08:00:00.000Z',
  })
  @IsISO8601({ strict: true })
  ended_at?: string;
}
