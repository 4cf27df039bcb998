import { DomainError } from '../../domain/errors.ts';
import type { ByteRange } from '../../ports/blob-store.ts';

/** What every blob store accepts as a blob's name: anything else is simply not there. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function checkRange(sha256: string, { start, end }: ByteRange, sizeBytes: number): void {
  const valid = Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end;
  if (valid && end < sizeBytes) return;
  throw new DomainError('invalid_request', {
    detail: `Range ${start}-${end} is outside the blob of ${sizeBytes} bytes`,
    sha256,
    start,
    end,
    sizeBytes,
  });
}

/**
 * The source's next chunk, or the abort reason as soon as the signal fires, even while the source is
 * stalled. Each pull gets its own listener, removed once the pull settles: racing every pull against one
 * long-lived promise would leave a reaction on it per chunk, keeping every chunk of the upload in memory.
 */
export function nextUnlessAborted<T>(
  iterator: AsyncIterator<T>,
  signal: AbortSignal | undefined,
): Promise<IteratorResult<T>> {
  if (signal === undefined) return iterator.next();
  return new Promise<IteratorResult<T>>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw abortReason(signal);
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The put was aborted', 'AbortError');
}

export function blobNotFound(sha256: string): DomainError {
  return new DomainError('not_found', { detail: 'No blob has this SHA-256', sha256 });
}
