import { MissionEvent } from '@mission-control/shared';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { BoundedConnection } from './connection-buffer';
import { jsonFrame } from './frame-cache';

/** A real Writable whose reader takes a chunk only when told to: a peer that reads at the test's pace. */
class SlowPeer extends Writable {
  private readonly waiting: (() => void)[] = [];
  constructor() {
    super({ highWaterMark: 1024 });
  }
  override _write(_chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.waiting.push(callback);
  }
  readOne(): void {
    this.waiting.shift()?.();
  }
}

class StreamConnection extends BoundedConnection {
  terminated: string[] = [];
  constructor(
    readonly peer: SlowPeer,
    limit: number,
  ) {
    super(limit);
  }
  unsent(): number {
    return this.peer.writableLength;
  }
  protected send(event: MissionEvent): void {
    const frame = jsonFrame(event);
    this.written += frame.length;
    this.peer.write(frame);
  }
  protected terminate(reason: string): void {
    this.terminated.push(reason);
    this.peer.destroy();
  }
  protected drainSources(): EventEmitter[] {
    return [this.peer];
  }
}

const event = (seq: number): MissionEvent =>
  ({ seq, type: 'task_deleted', task_id: null, at: '2026-11-26T12:00:00.000Z', payload: { id: 'x'.repeat(200) } }) as MissionEvent;

describe('BoundedConnection', () => {
  it('is cut once its unsent data passes the bound, and never written to again', () => {
    const sut = new StreamConnection(new SlowPeer(), 4096);
    const closes: string[] = [];
    sut.onClosed((reason) => closes.push(reason));
    let seq = 0;
    while (!sut.closed) sut.write(event(++seq));
    expect(sut.terminated).toHaveLength(1);
    expect(closes).toEqual([sut.terminated[0]]);
    const lengthAtCut = sut.peer.writableLength;
    expect(sut.write(event(++seq))).toBe(false);
    expect(sut.peer.writableLength).toBe(lengthAtCut);
  });

  it('asks the writer to wait above the low-water mark and resolves drained() once the peer reads', async () => {
    const sut = new StreamConnection(new SlowPeer(), 64 * 1024);
    let seq = 0;
    while (sut.write(event(++seq)));
    expect(sut.closed).toBe(false);
    let drained = false;
    const wait = sut.drained().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(drained).toBe(false);
    while (sut.peer.writableLength > 0) sut.peer.readOne();
    await wait;
    expect(drained).toBe(true);
  });

  it('is cut as stalled after two checks in which it held data and sent none; a reader that reads is not', () => {
    const reading = new StreamConnection(new SlowPeer(), 64 * 1024);
    const stalled = new StreamConnection(new SlowPeer(), 64 * 1024);
    for (let seq = 1; seq <= 5; seq++) {
      reading.write(event(seq));
      stalled.write(event(seq));
    }
    for (let check = 0; check < 3; check++) {
      reading.peer.readOne();
      reading.checkStalled();
      stalled.checkStalled();
    }
    expect(reading.closed).toBe(false);
    expect(stalled.closed).toBe(true);
    expect(stalled.terminated[0]).toContain('stalled');
  });
});
