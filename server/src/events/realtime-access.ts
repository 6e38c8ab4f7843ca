import { BOARD_ROOM } from '@mission-control/shared';
import { IncomingHttpHeaders } from 'node:http';
import { refusal } from '../common/request-guard';
import { AppConfig } from '../config/app-config';

const TASK_ROOM = /^task:.{1,200}$/;

export const isRoomName = (room: unknown): room is string => typeof room === 'string' && (room === BOARD_ROOM || TASK_ROOM.test(room));

/** With `MC_API_TOKEN` set, a stream needs the token (handshake auth, `?token=`, or a Bearer header). */
export function isTokenValid(config: AppConfig, token: unknown): boolean {
  if (!config.apiToken) return true;
  const candidate = Array.isArray(token) ? token[0] : token;
  return typeof candidate === 'string' && candidate === config.apiToken;
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

/** The HTTP request guard's rule, for the transports that upgrade outside Express (Socket.IO, WebSocket). */
export function originAllowed(headers: IncomingHttpHeaders, config: AppConfig): boolean {
  return refusal(headers, config) === null;
}
