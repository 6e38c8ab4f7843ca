import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokenGuard } from './api-token.guard';

/** The API token on every REST route (a global guard; only active when `MC_API_TOKEN` is set). */
@Module({ providers: [{ provide: APP_GUARD, useClass: ApiTokenGuard }] })
export class AuthModule {}
