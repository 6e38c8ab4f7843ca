import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import 'reflect-metadata';
import { AppModule } from './app.module';
import { serveClient } from './common/client-static';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { useJsonBodies } from './common/json-body';
import { useRequestGuard } from './common/request-guard';
import { useSecurityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { prepareDatabase } from './database/database-startup';
import { useEcosystem } from './openapi/ecosystem';

/** Builds the whole application, as `main.ts` runs it and as the end-to-end tests boot it. */
export async function createApp(config: AppConfig, logger: LogLevel[] | false = ['log', 'warn', 'error']): Promise<INestApplication> {
  await prepareDatabase(config.databaseUrl, logger);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, logger, abortOnError: false });
  app.disable('x-powered-by');
  // API answers are never revalidated: no SHA-1 of every JSON body (the dashboard's files keep their own ETags).
  app.set('etag', false);
  useSecurityHeaders(app);
  useRequestGuard(app, config);
  // Authentication, roles and rate limits (@nestjs/throttler, per principal) are the global AccessGuard.
  useJsonBodies(app, config.bodyLimit);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  useEcosystem(app, config);
  serveClient(app, config.clientDist);
  app.enableShutdownHooks();
  return app;
}
