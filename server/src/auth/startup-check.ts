import { AppConfig } from '../config/app-config';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

export const isLoopbackHost = (host: string): boolean => LOOPBACK.test(host.trim());

/**
 * Why the server must not start as configured, or null. Without `MC_API_TOKEN` anybody who can reach it
 * is the operator, so it may only listen on loopback — unless `MC_ALLOW_NO_AUTH=1` says an
 * authenticating proxy stands in front of it.
 */
export function startupRefusal(config: Pick<AppConfig, 'host' | 'apiToken' | 'allowNoAuth'>): string | null {
  if (config.apiToken || config.allowNoAuth || isLoopbackHost(config.host)) return null;
  return (
    `Refusing to listen on ${config.host} without authentication: anybody who can reach it could do anything.\n` +
    `Set MC_API_TOKEN=<a long random secret> (e.g. MC_API_TOKEN=$(openssl rand -hex 32)), or listen on loopback only (HOST=127.0.0.1),\n` +
    `or set MC_ALLOW_NO_AUTH=1 if an authenticating proxy stands in front of this server. See SECURITY.md.`
  );
}
