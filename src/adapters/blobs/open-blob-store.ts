import type { BlobStoreLocation } from '../../config/config.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { FilesystemBlobStore } from './filesystem-blob-store.ts';

/** The configured blob store, initialised; `close` lets go of its connections. */
export async function openBlobStore(
  location: BlobStoreLocation,
): Promise<{ blobs: BlobStore; close(): void }> {
  if (location.kind === 'file') {
    const blobs = new FilesystemBlobStore(location.path);
    await blobs.init();
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
