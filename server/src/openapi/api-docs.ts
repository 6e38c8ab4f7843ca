import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { DOCS_PATH, OPENAPI_JSON_PATH, createOpenApiDocument } from './openapi-document';

/** `GET /api/openapi.json` and the Swagger UI page at `/api/docs`; the document is built on first request. */
export function useApiDocs(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH.slice(1), app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1),
    raw: ['json'],
    customSiteTitle: 'Mission Control API',
  });
}
