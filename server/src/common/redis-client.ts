import { createClient } from 'redis';

/** The client with the default modules and RESP version `createClient({url, socket})` returns. */
export type RedisClient = ReturnType<typeof newClient>;

const newClient = (options: Parameters<typeof createClient>[0]) => createClient(options);

/** Attempts to reach Redis at start-up before the start fails (about 5 s in all). */
const START_ATTEMPTS = 6;

/**
 * A connected Redis client for `purpose`. At start-up an unreachable `REDIS_URL` fails the start within
 * seconds with a message naming it (the client would otherwise retry forever and the server never come up);
 * once connected, a lost connection is retried for as long as it takes.
 */
export async function connectRedis(url: string, purpose: string, onError: (error: Error) => void): Promise<RedisClient> {
  let connected = false;
  const client: RedisClient = newClient({
    url,
    socket: {
      connectTimeout: 3000,
      reconnectStrategy: (retries, cause) =>
        connected || retries < START_ATTEMPTS ? Math.min(100 * 2 ** retries, 2000) : new Error(`Redis at ${redact(url)} is not reachable for ${purpose} (${cause.message}): start it or fix REDIS_URL`),
    },
  });
  // Before the first connection the start-up failure says it all; afterwards every error is reported.
  client.on('error', (error: Error) => connected && onError(error));
  try {
    await client.connect();
  } catch (error) {
    // The client wraps our reason; say it plainly.
    throw new Error((error as { originalError?: Error }).originalError?.message ?? (error as Error).message);
  }
  connected = true;
  return client;
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
