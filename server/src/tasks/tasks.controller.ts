import { BadRequestException, Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Task } from '@mission-control/shared';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto } from './dto/list-tasks.query';
import { UpdateTaskDto } from './dto/update-task.dto';
import { TasksService } from './tasks.service';
import { Allow } from '../auth/access.decorators';

@Controller('api/tasks')
export class TasksController {
  constructor(private readonly service: TasksService) {}

  @Get()
  list(@Query() query: ListTasksQueryDto): Promise<Task[]> {
    return this.service.list(query);
  }

  @Post()
  create(@Body() dto: CreateTaskDto): Promise<Task> {
    return this.service.create(dto);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<Task> {
    return this.service.get(id);
  }

  /** `If-Match: <version>` makes the change conditional: 412 if the task has changed since. */
  @Patch(':id')
  @Allow('agent', { credit: 'agent_id', only: ['status', 'assigned_agent_id'] })
  update(@Param('id') id: string, @Body() dto: UpdateTaskDto, @Headers('if-match') ifMatch?: string): Promise<Task> {
    return this.service.update(id, dto, parseVersion(ifMatch));
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string): Promise<void> {
    return this.service.remove(id);
  }
}

function parseVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const version = Number(ifMatch.replace(/^W\//, '').replace(/"/g, '').trim());
  if (!Number.isInteger(version) || version < 1) throw new BadRequestException(`If-Match must be the task's version number, got "${ifMatch}"`);
  return version;
}
