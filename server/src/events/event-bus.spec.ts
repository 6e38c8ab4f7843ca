import { Logger } from '@nestjs/common';
import { MissionEvent } from '@mission-control/shared';
import { EventBus } from './event-bus';

const event = (seq: number): MissionEvent => ({ seq, type: 'task_deleted', task_id: 't', at: new Date().toISOString(), payload: { id: 't' } });

describe('EventBus', () => {
  let sut: EventBus;
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    sut = new EventBus();
  });

  it('delivers to every listener even when one throws, and never throws to the publisher', () => {
    const received: number[] = [];
    sut.subscribe(() => {
      throw new Error('bad subscriber');
    });
    sut.subscribe((e) => received.push(e.seq));
    expect(() => sut.publish(event(1))).not.toThrow();
    expect(received).toEqual([1]);
  });

  it('forgets a listener once unsubscribed and tracks the newest sequence number', () => {
    const received: number[] = [];
    const unsubscribe = sut.subscribe((e) => received.push(e.seq));
    sut.publish(event(1));
    unsubscribe();
    sut.publish(event(2));
    expect(received).toEqual([1]);
    expect(sut.listenerCount).toBe(0);
    expect(sut.publishedSeq).toBe(2);
  });
});
