import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

@Module({ imports: [EventsModule], controllers: [StatsController], providers: [StatsService] })
export class StatsModule {}
