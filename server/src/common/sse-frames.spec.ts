import { sseFields, sseFrames } from './sse-frames';

describe('sseFrames and sseFields', () => {
  it('gives each frame once it is complete, across chunk boundaries and line-end styles', () => {
    const frames: string[] = [];
    const feed = sseFrames((frame) => frames.push(frame));
    feed('id: 1\nevent: task_created\nda');
    expect(frames).toEqual([]);
    feed('ta: {"seq":1}\n\n: keep-alive\r\n\r\nid: 2\n');
    expect(frames).toEqual(['id: 1\nevent: task_created\ndata: {"seq":1}', ': keep-alive']);
    feed('data: {}\n\n');
    expect(frames[2]).toBe('id: 2\ndata: {}');
  });

  it('reads the fields of a frame: comments left out, data lines joined, one leading space dropped', () => {
    expect(sseFields(': keep-alive')).toEqual({});
    expect(sseFields('id: 7\nevent: reset\ndata: {"lastSeq":3}')).toEqual({ id: '7', event: 'reset', data: '{"lastSeq":3}' });
    expect(sseFields('data:  two spaces\ndata:second\nretry: 2000')).toEqual({ data: ' two spaces\nsecond' });
  });
});
