import { RecurringJob } from './recurring-job';

describe('RecurringJob', () => {
  it('runs at start when asked, never twice at once, and stop() waits for the run in progress', async () => {
    let release: () => void = () => undefined;
    let runs = 0;
    let finished = 0;
    const sut = new RecurringJob('test', 5, async () => {
      runs++;
      await new Promise<void>((resolve) => (release = resolve));
      finished++;
    });

    sut.start({ runNow: true });
    await new Promise((resolve) => setTimeout(resolve, 40)); // several intervals pass while the first run hangs
    expect(runs).toBe(1);

    const stopped = sut.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    release();
    await stopped;
    expect(finished).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toBe(1); // nothing runs after stop
  });

  it('a failing run is logged and the next one still happens', async () => {
    let runs = 0;
    const sut = new RecurringJob('test', 5, async () => {
      runs++;
      throw new Error('boom');
    });
    jest.spyOn(sut['logger'], 'error').mockImplementation(() => undefined);
    sut.start();
    await new Promise((resolve) => setTimeout(resolve, 40));
    await sut.stop();
    expect(runs).toBeGreaterThan(1);
  });
});
