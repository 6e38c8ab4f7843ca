import { Inject, Injectable } from '@nestjs/common';
import { DeliverableLink } from '@mission-control/shared';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const LINK_LIFETIME_MS = 5 * 60_000;

/**
 * Short-lived links to a deliverable's content that need no API token, so none ever sits in a URL an
 * agent's HTML can read. HMAC-SHA256 over the deliverable id and the expiry. The key is derived from
 * `MC_API_TOKEN`, so every instance of one deployment accepts the others' links; without a token it is
 * random per process (and anybody may read content anyway).
 */
@Injectable()
export class LinkSigner {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = config.apiToken ? createHmac('sha256', config.apiToken).update('mission-control/deliverable-link/v1').digest() : randomBytes(32);
  }

  sign(deliverableId: string, at = Date.now()): DeliverableLink {
    const expires = at + LINK_LIFETIME_MS;
    const sig = this.signature(deliverableId, expires);
    return {
      url: `/api/deliverables/${encodeURIComponent(deliverableId)}/content?expires=${expires}&sig=${sig}`,
      expires_at: new Date(expires).toISOString(),
    };
  }

  /** Whether `sig` was made here for this deliverable and has not expired. */
  verify(deliverableId: string, expires: unknown, sig: unknown, at = Date.now()): boolean {
    if (typeof expires !== 'string' || typeof sig !== 'string' || !/^\d{1,15}$/.test(expires)) return false;
    const expiry = Number(expires);
    if (expiry <= at || expiry > at + LINK_LIFETIME_MS) return false;
    const expected = Buffer.from(this.signature(deliverableId, expiry));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private signature(deliverableId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${deliverableId}\n${expires}`).digest('base64url');
  }
}
