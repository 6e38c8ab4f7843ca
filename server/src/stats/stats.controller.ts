import { Controller, Get, Res } from '@nestjs/common';
import { Health, Stats } from '@mission-control/shared';
import { FastifyReply } from 'fastify';
import { StatsService } from './stats.service';

@Controller('api')
export class StatsController {
  constructor(private readonly service: StatsService) {}

  @Get('stats')
  stats(): Promise<Stats> {
    return this.service.stats();
  }

  /** 200 when the database answers, 503 when it does not. */
  @Get('health')
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<Health> {
    const health = await this.service.health();
    if (health.database === 'down') res.status(503);
    return health;
  }
}
