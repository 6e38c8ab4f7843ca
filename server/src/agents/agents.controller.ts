import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Agent } from '@mission-control/shared';
import { AgentsService } from './agents.service';
import { CreateAgentDto } from './dto/create-agent.dto';
import { ListAgentsQueryDto } from './dto/list-agents.query';
import { UpdateAgentDto } from './dto/update-agent.dto';

@Controller('api/agents')
export class AgentsController {
  constructor(private readonly service: AgentsService) {}

  @Get()
  list(@Query() query: ListAgentsQueryDto): Promise<Agent[]> {
    return this.service.list(query);
  }

  @Post()
  create(@Body() dto: CreateAgentDto): Promise<Agent> {
    return this.service.create(dto);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<Agent> {
    return this.service.get(id);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateAgentDto): Promise<Agent> {
    return this.service.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string): Promise<void> {
    return this.service.remove(id);
  }
}
