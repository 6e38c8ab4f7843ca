import { Injectable } from '@nestjs/common';

/**
 * Who wants to know when a token is revoked (or vanishes with its agent): the streams it opened.
 * In-process; other instances find out from the database (see StreamAccess).
 */
@Injectable()
export class TokenRevocations {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Calls `onRevoked` once when `tokenId` is revoked; the returned function stops listening. */
  listen(tokenId: string, onRevoked: () => void): () => void {
    let set = this.listeners.get(tokenId);
    if (!set) this.listeners.set(tokenId, (set = new Set()));
    set.add(onRevoked);
    return () => {
      set.delete(onRevoked);
      if (set.size === 0 && this.listeners.get(tokenId) === set) this.listeners.delete(tokenId);
    };
  }

  /** Token ids with at least one listener. */
  watched(): string[] {
    return [...this.listeners.keys()];
  }

  revoked(tokenId: string): void {
    const set = this.listeners.get(tokenId);
    if (!set) return;
    this.listeners.delete(tokenId);
    for (const onRevoked of set) {
      try {
        onRevoked();
      } catch {
        /* one stream failing to close never stops the others */
      }
    }
  }
}
