import { Injectable } from '@nestjs/common';
import { now } from '../common/clock';
import { Tx } from '../database/tx';
import { SessionEntity } from './session.entity';
import { SessionsRepository } from './sessions.repository';

/**
 * Records that an active session was heard from (a heartbeat, or any write that names it), so the
 * liveness sweeper leaves it alone. Bookkeeping only: `last_seen_at` moving announces no event, or a
 * sub-agent heartbeating every few seconds would flood every screen.
 */
@Injectable()
export class SessionPulse {
  constructor(private readonly sessions: SessionsRepository) {}

  /** Returns the session when it was active and is now marked seen, else null. */
  async touch(tx: Tx, idOrKey: string): Promise<SessionEntity | null> {
    const session = await this.sessions.findByIdOrKey(idOrKey, tx);
    if (!session || session.status !== 'active') return null;
    session.last_seen_at = now();
    return this.sessions.save(tx, session);
  }
}
