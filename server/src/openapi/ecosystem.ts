import { INestApplication } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { useMcpRoute } from '../mcp/mcp-http';
import { useApiDocs } from './api-docs';

/** What integrations use besides REST: the OpenAPI document and its page, and the MCP endpoint. */
export function useEcosystem(app: INestApplication, config: AppConfig): void {
  useMcpRoute(app, config);
  useApiDocs(app);
}
