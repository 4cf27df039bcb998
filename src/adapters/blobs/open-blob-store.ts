import type { BlobStoreLocation } from '../../config/config.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { FilesystemBlobStore } from './filesystem-blob-store.ts';

/**
 * The configured blob store, initialised; `close` lets go of its connections. `live`: a server uses the
 * store meanwhile, so a folder's start-up clean-up, which would remove that server's unfinished puts,
 * is left out (an object store's only removes puts older than any live one).
 */
export async function openBlobStore(
  location: BlobStoreLocation,
  { live }: { live: boolean } = { live: false },
): Promise<{ blobs: BlobStore; close(): void }> {
  if (location.kind === 'file') {
    const blobs = new FilesystemBlobStore(location.path);
    if (!live) await blobs.init();
    return { blobs, close: () => undefined };
  }
  // Loaded only when configured: the AWS SDK adds most of a second to every start of the CLI.
  const { S3BlobStore } = await import('./s3-blob-store.ts');
  const { kind: _kind, ...options } = location;
  const blobs = new S3BlobStore(options);
  try {
    await blobs.init();
  } catch (error) {
    blobs.close();
    throw error;
  }
  return { blobs, close: () => blobs.close() };
}
