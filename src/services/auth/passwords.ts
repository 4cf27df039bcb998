import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { ConcurrencyLimit } from '../../domain/concurrency-limit.ts';

// OWASP's scrypt floor (N=2^17 is their first choice; 2^15 keeps a login under ~60 ms on two slow cores).
const cost = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
// A password Tributary drew from 96 random bits cannot be guessed however cheap each guess is, just as an
// API token cannot (those are stored as bare SHA-256): stretching it would only add ~100 ms of CPU to a new
// site's first start, which `serve --ephemeral` pays on every start.
const generatedCost = { ...cost, N: 2 ** 10 };
const keyLength = 32;

// scrypt runs on libuv's thread pool (never on the event loop), which file I/O and DNS share, and each
// one keeps a core busy for ~90 ms. At most this many run at once, so a flood of password checks leaves
// the pool's other threads to file I/O and at least one core to the event loop; the rest wait in order.
// The pool and the cores belong to the process, hence one queue per process rather than per site.
const derivations = new ConcurrencyLimit(Math.max(1, Math.min(2, availableParallelism() - 1)));

async function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const release = await derivations.acquire();
  try {
    return await new Promise((resolve, reject) =>
      scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
        error ? reject(error) : resolve(key),
      ),
    );
  } finally {
    release();
  }
}

/** How many password derivations are running and waiting (for tests and metrics). */
export const passwordDerivations = () => ({ running: derivations.inUse, waiting: derivations.waitingCount });

/** A password a person chose, or one Tributary generated at random (`randomPassword`). */
export type PasswordOrigin = 'chosen' | 'generated';

/** 96 random bits, in the 16 characters a person can still copy from a terminal. */
export const randomPassword = () => randomBytes(12).toString('base64url');

/** `scrypt$N$r$p$salt$key`, base64url parts, so the cost can rise later without breaking old hashes. */
export async function hashPassword(password: string, origin: PasswordOrigin = 'chosen'): Promise<string> {
  const salt = randomBytes(16);
  const options = origin === 'generated' ? generatedCost : cost;
  const key = await derive(password, salt, options);
  const { N, r, p } = options;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: cost.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
