import { BOARD_ROOM } from '@mission-control/shared';
import { IncomingHttpHeaders } from 'node:http';
import { refusal } from '../common/request-guard';
import { AppConfig } from '../config/app-config';

const TASK_ROOM = /^task:.{1,200}$/;

export const isRoomName = (room: unknown): room is string => typeof room === 'string' && (room === BOARD_ROOM || TASK_ROOM.test(room));

/** The HTTP request guard's rule, for the transports that upgrade outside Fastify (Socket.IO, WebSocket). */
export function originAllowed(headers: IncomingHttpHeaders, config: AppConfig): boolean {
  return refusal(headers, config) === null;
}
