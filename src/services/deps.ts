import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { MetadataStore } from '../ports/metadata-store.ts';

/** What every use case may reach: ports only, never an adapter. */
export interface ServiceDeps {
  store: MetadataStore;
  blobs: BlobStore;
  clock: Clock;
}
