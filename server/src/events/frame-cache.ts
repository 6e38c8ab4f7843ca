import { MissionEvent } from '@mission-control/shared';

/**
 * Each event is serialized once per wire format and the bytes are shared by every connection that
 * sends it. The bus hands the same event object to every listener, so a WeakMap keyed by the object
 * holds a frame exactly as long as some connection still holds the event.
 */
const sseFrames = new WeakMap<MissionEvent, Buffer>();
const jsonFrames = new WeakMap<MissionEvent, Buffer>();

/** `id: <seq>`, `event: <type>`, `data: <MissionEvent JSON>`: one Server-Sent Events frame. */
export function sseFrame(event: MissionEvent): Buffer {
  let frame = sseFrames.get(event);
  if (!frame) {
    frame = Buffer.from(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    sseFrames.set(event, frame);
  }
  return frame;
}

/** The event as one JSON text message (the plain WebSocket). */
export function jsonFrame(event: MissionEvent): Buffer {
  let frame = jsonFrames.get(event);
  if (!frame) {
    frame = Buffer.from(JSON.stringify(event));
    jsonFrames.set(event, frame);
  }
  return frame;
}
