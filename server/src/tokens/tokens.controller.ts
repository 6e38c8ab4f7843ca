import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiToken, IssuedApiToken } from '@mission-control/shared';
import { OperatorOnly } from '../auth/access.decorators';
import { IssueTokenDto } from './dto/issue-token.dto';
import { TokensService } from './tokens.service';

@Controller('api/tokens')
@OperatorOnly()
export class TokensController {
  constructor(private readonly service: TokensService) {}

  @Post()
  issue(@Body() dto: IssueTokenDto): Promise<IssuedApiToken> {
    return this.service.issue(dto);
  }

  @Get()
  list(): Promise<ApiToken[]> {
    return this.service.list();
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@Param('id') id: string): Promise<void> {
    return this.service.revoke(id);
  }
}
