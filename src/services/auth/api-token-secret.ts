import { createHash, randomBytes } from 'node:crypto';

const prefix = 'trb_';

/** A fresh token: 32 random bytes, shown to its owner once and stored only as its SHA-256. */
export function generateTokenSecret(): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Tokens carry 256 bits of entropy, so a plain SHA-256 is enough and lets us look them up by hash. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
