import { createHash, randomBytes } from 'node:crypto';

/** Issued secrets start with this, so a leaked one is easy to recognise (secret scanners, logs). */
export const TOKEN_PREFIX = 'mc_';

/** A new secret: 256 random bits. */
export const newTokenSecret = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url');

/** What is stored and looked up: the SHA-256 of the secret, hex. */
export const hashTokenSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
