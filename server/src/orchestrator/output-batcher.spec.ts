import { OutputStream } from '@mission-control/shared';
import { OutputBatcher } from './output-batcher';

type Sent = { lines: string[]; stream: OutputStream | OutputStream[] };

function recording(answer: (sent: Sent) => boolean | Promise<boolean> = () => true) {
  const sent: Sent[] = [];
  const send = async (lines: string[], stream: OutputStream | OutputStream[]) => {
    sent.push({ lines, stream });
    return answer({ lines, stream });
  };
  return { sent, send };
}

describe('OutputBatcher', () => {
  afterEach(() => jest.useRealTimers());

  it('sends a full batch at once, and the rest when flushed, in order', async () => {
    const { sent, send } = recording();
    const sut = new OutputBatcher(send, { maxLines: 3, intervalMs: 60_000 });
    ['a', 'b', 'c', 'd', 'e'].forEach((line) => sut.push(line));
    await sut.flush();
    expect(sent).toEqual([
      { lines: ['a', 'b', 'c'], stream: 'stdout' },
      { lines: ['d', 'e'], stream: 'stdout' },
    ]);
    expect([sut.received, sut.sent]).toEqual([5, 5]);
  });

  it('sends what waits once the interval has passed, without a flush', async () => {
    jest.useFakeTimers();
    const { sent, send } = recording();
    const sut = new OutputBatcher(send, { intervalMs: 250 });
    sut.push('first');
    sut.push('second');
    expect(sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(250);
    expect(sent).toEqual([{ lines: ['first', 'second'], stream: 'stdout' }]);
  });

  it('keeps stdout and stderr in one batch, in order of arrival, each line with its stream', async () => {
    const { sent, send } = recording();
    const sut = new OutputBatcher(send, { intervalMs: 60_000 });
    sut.push('compiling');
    sut.push('warning: x', 'stderr');
    sut.push('warning: y', 'stderr');
    sut.push('done');
    await sut.close();
    expect(sent).toEqual([{ lines: ['compiling', 'warning: x', 'warning: y', 'done'], stream: ['stdout', 'stderr', 'stderr', 'stdout'] }]);
    sut.push('only stderr', 'stderr');
    await sut.close();
    expect(sent[1]).toEqual({ lines: ['only stderr'], stream: 'stderr' });
  });

  it('splits a line longer than the server takes instead of cutting it', async () => {
    const { sent, send } = recording();
    const sut = new OutputBatcher(send, { intervalMs: 60_000 });
    const long = 'x'.repeat(5000) + 'y'.repeat(5000) + 'z';
    sut.push(long);
    await sut.flush();
    expect(sent[0].lines.map((line) => line.length)).toEqual([5000, 5000, 1]);
    expect(sent[0].lines.join('')).toBe(long);
  });

  it('bounds a batch by bytes as well as by lines', async () => {
    const { sent, send } = recording();
    const sut = new OutputBatcher(send, { maxLines: 500, maxBytes: 10_000, intervalMs: 60_000 });
    for (let i = 0; i < 6; i++) sut.push('x'.repeat(4000));
    await sut.flush();
    expect(sent.map((batch) => batch.lines.length)).toEqual([3, 3]);
  });

  it('sends one batch at a time and stops once the server keeps no more', async () => {
    let inFlight = 0;
    let most = 0;
    const { sent, send } = recording(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return sent.length < 2;
    });
    const sut = new OutputBatcher(send, { maxLines: 2, intervalMs: 60_000 });
    for (let i = 0; i < 10; i++) sut.push(`line ${i}`);
    await sut.flush();
    sut.push('after the cap');
    await sut.close();
    expect(most).toBe(1);
    expect(sent.map((batch) => batch.lines)).toEqual([
      ['line 0', 'line 1'],
      ['line 2', 'line 3'],
    ]);
  });

  it('reports a failed batch and goes on with the next', async () => {
    const errors: string[] = [];
    const { sent, send } = recording(({ lines }) => {
      if (lines[0] === 'bad') throw new Error('server down');
      return true;
    });
    const sut = new OutputBatcher(send, { maxLines: 1, intervalMs: 60_000 }, (error) => errors.push(error.message));
    sut.push('bad');
    sut.push('good');
    await sut.close();
    expect(errors).toEqual(['server down']);
    expect(sent.map((batch) => batch.lines[0])).toEqual(['bad', 'good']);
  });
});

describe('OutputBatcher backpressure', () => {
  it('asks the producer to pause above the high-water mark and lets it go on once half of it is sent', async () => {
    const answers: (() => void)[] = [];
    const send = () => new Promise<boolean>((resolve) => answers.push(() => resolve(true)));
    const sut = new OutputBatcher(send, { maxLines: 10, highWaterLines: 40, intervalMs: 60_000 });
    for (let i = 0; i < 39; i++) sut.push(`line ${i}`);
    expect(sut.backlogged).toBe(false);
    sut.push('line 39');
    expect(sut.backlogged).toBe(true);
    let drained = false;
    void sut.drained().then(() => (drained = true));
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    await tick();
    answers.shift()!(); // 30 left
    await tick();
    expect(drained).toBe(false);
    answers.shift()!(); // 20 left: half the mark
    await tick();
    expect(drained).toBe(true);
    expect(sut.backlogged).toBe(false);
    const closed = sut.close();
    while (answers.length || !(await Promise.race([closed.then(() => true), tick().then(() => false)]))) {
      answers.shift()?.();
      await tick();
    }
  });
});
