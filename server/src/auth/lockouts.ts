import { Injectable } from '@nestjs/common';

/**
 * Client addresses that went over the rate limit with requests proving nothing (wrong or missing
 * tokens). Those requests are counted per address; once that count is blocked, the address is refused
 * before authentication too — otherwise a right guess, counted under the principal it proves, would
 * still get through and tell the guesser it was right. Per instance; the count itself is shared
 * through the throttler storage (Redis), so every instance locks an address on its next failure.
 */
@Injectable()
export class Lockouts {
  private readonly until = new Map<string, number>();

  /** Seconds the address stays locked out, or 0. */
  retryAfter(address: string, now = Date.now()): number {
    const until = this.until.get(address);
    if (until === undefined) return 0;
    if (until <= now) {
      this.until.delete(address);
      return 0;
    }
    return Math.ceil((until - now) / 1000);
  }

  lock(address: string, seconds: number, now = Date.now()): void {
    if (this.until.size > 100_000) this.sweep(now);
    this.until.set(address, now + Math.max(1, seconds) * 1000);
  }

  private sweep(now: number): void {
    for (const [address, until] of this.until) if (until <= now) this.until.delete(address);
  }
}
