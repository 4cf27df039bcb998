import { createHash } from 'node:crypto';
import { isDomainError } from '../../domain/errors.ts';
import type { BlobStore } from '../../ports/blob-store.ts';

export type BlobVerdict = 'ok' | 'missing' | 'size' | 'hash';

/**
 * Whether a store holds a blob whole: there, of the recorded size, and (unless `quick`) with bytes that
 * hash to its address. `onBytes` hears of every chunk read, for a progress bar.
 */
export async function verifyBlob(
  blobs: BlobStore,
  recorded: { sha256: string; sizeBytes: number },
  options: { quick?: boolean; onBytes(count: number): void },
): Promise<BlobVerdict> {
  const size = await blobs.sizeOf(recorded.sha256);
  if (size === undefined) return 'missing';
  if (size !== recorded.sizeBytes) return 'size';
  if (options.quick) return 'ok';
  const hash = createHash('sha256');
  try {
    for await (const chunk of (await blobs.read(recorded.sha256)) as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      options.onBytes(chunk.byteLength);
    }
  } catch (error) {
    // Removed between the size and the read (a purge on a live server).
    if (isDomainError(error, 'not_found')) return 'missing';
    throw error;
  }
  return hash.digest('hex') === recorded.sha256 ? 'ok' : 'hash';
}
