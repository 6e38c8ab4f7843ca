import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LIMITS } from '@mission-control/shared';
import { FastifyReply, FastifyRequest } from 'fastify';
import 'reflect-metadata';
import { AppModule } from './app.module';
import { serveClient } from './common/client-static';
import { errorBody } from './common/error-body';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { useJsonBodies } from './common/json-body';
import { useRequestGuard } from './common/request-guard';
import { useSecurityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { prepareDatabase } from './database/database-startup';
import { IdempotentWrites } from './idempotency/idempotent-writes';
import { useEcosystem } from './openapi/ecosystem';

/**
 * Fastify, not Express: Nest on Express spends twice the CPU of Nest on Fastify on an empty POST (0.26 against 0.12 ms
 * here), a third of what a write cost (BENCHMARKS.md). Paths match as they did on Express: case-insensitive, with or
 * without a trailing slash. The timeouts are Node's own defaults (Fastify turns the request timeout off), so a client
 * that never finishes sending its request is cut.
 */
function httpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    // Ids may be LIMITS.id (200) characters, three times that URL-encoded (find-my-way's default is 100).
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: LIMITS.id * 3 },
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: 300_000,
    keepAliveTimeout: 5_000,
    // What Fastify refuses before any route (a malformed path or header): the one error body.
    frameworkErrors: (error: Error, _req: FastifyRequest, reply: FastifyReply) => void reply.code(400).send(errorBody(400, error.message)),
  });
}

export interface AppOptions {
  /** Told of every route as it is added (the OpenAPI test compares them with the document). */
  onRoute?: (method: string, url: string) => void;
}

/** Builds the whole application, as `main.ts` runs it and as the end-to-end tests boot it. */
export async function createApp(config: AppConfig, logger: LogLevel[] | false = ['log', 'warn', 'error'], options: AppOptions = {}): Promise<INestApplication> {
  await prepareDatabase(config.databaseUrl, logger);
  const adapter = httpAdapter(config);
  const { onRoute } = options;
  if (onRoute) adapter.getInstance().addHook('onRoute', (route) => [route.method].flat().forEach((method) => onRoute(method, route.url)));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bodyParser: false, logger, abortOnError: false });
  useSecurityHeaders(app);
  app.get(IdempotentWrites).install(app.getHttpAdapter().getInstance());
  useRequestGuard(app, config);
  // Authentication, roles and rate limits (@nestjs/throttler, per principal) are the global AccessGuard.
  useJsonBodies(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(config.bodyLimit));
  useEcosystem(app, config);
  await serveClient(app, config.clientDist);
  app.enableShutdownHooks();
  return app;
}
