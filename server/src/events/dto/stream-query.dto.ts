import { IsOptional, IsString } from 'class-validator';
import { EventsFilterDto } from './events-filter.dto';

/** `?since=` works like `Last-Event-ID`; `?token=` is for EventSource, which cannot send headers. */
export class StreamQueryDto extends EventsFilterDto {
  @IsOptional()
  @IsString()
  token?: string;
}
