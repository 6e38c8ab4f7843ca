/**
 * Reads a `text/event-stream`: feed the returned function each decoded chunk, and `onFrame` gets each frame (the
 * text up to a blank line), across chunk boundaries. Line ends are normalised to `\n`.
 */
export function sseFrames(onFrame: (frame: string) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = pending.indexOf('\n\n')) >= 0) {
      const frame = pending.slice(0, end);
      pending = pending.slice(end + 2);
      onFrame(frame);
    }
  };
}

export interface SseFields {
  event?: string;
  id?: string;
  /** Every `data:` line of the frame, joined with `\n`. */
  data?: string;
}

/** A frame's fields, as the EventSource specification reads them (comments left out, one leading space dropped). */
export function sseFields(frame: string): SseFields {
  const fields: SseFields = {};
  for (const line of frame.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'data') fields.data = fields.data === undefined ? value : `${fields.data}\n${value}`;
    else if (name === 'event' || name === 'id') fields[name] = value;
  }
  return fields;
}
