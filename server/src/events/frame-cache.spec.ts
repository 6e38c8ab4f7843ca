import { MissionEvent } from '@mission-control/shared';
import { jsonFrame, sseFrame } from './frame-cache';

const event = {
  seq: 7,
  type: 'task_deleted',
  task_id: 't1',
  at: '2026-11-26T12:00:00.000Z',
  payload: { id: 't1' },
} as MissionEvent;

describe('frame cache', () => {
  it('writes an SSE frame with id, event and the whole event as data', () => {
    expect(sseFrame(event).toString()).toBe(`id: 7\nevent: task_deleted\ndata: ${JSON.stringify(event)}\n\n`);
  });

  it('serializes each event once per format and hands every connection the same bytes', () => {
    expect(sseFrame(event)).toBe(sseFrame(event));
    expect(jsonFrame(event)).toBe(jsonFrame(event));
    expect(JSON.parse(jsonFrame(event).toString())).toEqual(event);
    // Another object with the same content is another event as far as the cache goes (replays read fresh rows).
    expect(sseFrame({ ...event })).not.toBe(sseFrame(event));
  });
});
