import { Test } from '@nestjs/testing';
import { MissionEvent } from '@mission-control/shared';
import { WriteLock } from '../database/write-lock';
import { EventBus } from './event-bus';
import { EVENT_FANOUT } from './event-fanout';
import { OutboxRelay } from './outbox-relay';
import { EventQuery, OutboxRepository } from './outbox.repository';

const event = (seq: number): MissionEvent => ({ seq, type: 'task_deleted', task_id: `t${seq}`, at: '2026-11-26T00:00:00.000Z', payload: { id: `t${seq}` } });

/** An outbox held in memory: the rows other instances committed, as the relay would read them. */
class MemoryOutbox {
  rows: MissionEvent[] = [];
  async after(query: EventQuery): Promise<MissionEvent[]> {
    return this.rows.filter((row) => row.seq > query.since).slice(0, query.limit);
  }
  async latestSeq(): Promise<number> {
    return 0;
  }
}

describe('OutboxRelay', () => {
  let sut: OutboxRelay;
  let outbox: MemoryOutbox;
  let published: number[];

  beforeEach(async () => {
    outbox = new MemoryOutbox();
    const moduleRef = await Test.createTestingModule({
      providers: [OutboxRelay, EventBus, WriteLock, { provide: OutboxRepository, useValue: outbox }, { provide: EVENT_FANOUT, useValue: null }],
    }).compile();
    await moduleRef.init();
    sut = moduleRef.get(OutboxRelay);
    published = [];
    moduleRef.get(EventBus).subscribe((e) => published.push(e.seq));
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it('publishes in-order events at once', () => {
    sut.committed([event(1), event(2)]);
    sut.ingest([event(3)]);
    expect(published).toEqual([1, 2, 3]);
  });

  it('puts events that arrive out of order back in sequence, reading what never arrived from the outbox', async () => {
    outbox.rows = [1, 2, 3, 4, 5, 6].map(event);
    sut.ingest([event(1)]);
    sut.ingest([event(5)]); // 2, 3 and 4 are late; 3 never arrives at all
    sut.ingest([event(2), event(4)]);
    sut.ingest([event(6)]);
    await settle();
    expect(published).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('skips a sequence number that was rolled back, and drops duplicates', async () => {
    outbox.rows = [1, 3].map(event); // 2 was rolled back on PostgreSQL: it will never exist
    sut.ingest([event(1), event(1)]);
    sut.ingest([event(3)]);
    await settle();
    sut.ingest([event(3), event(1)]);
    expect(published).toEqual([1, 3]);
  });
});
