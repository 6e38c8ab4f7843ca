import { Injectable } from '@nestjs/common';

/**
 * One write at a time in this process (SQLite has a single writer, and TypeORM shares one connection
 * for it). Reads that must see only committed rows, such as event replays, queue here too.
 */
@Injectable()
export class WriteLock {
  private queue: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
