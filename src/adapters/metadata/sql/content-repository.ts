import type { Kysely } from 'kysely';
import type { ContentRepository } from '../../../ports/content-store.ts';
import { sqlAttachmentBrowsing } from './attachment-browsing.ts';
import { sqlContentKeysetListing } from './content-keyset-listing.ts';
import { sqlContentRowsRepository } from './content-rows-repository.ts';
import { sqlContentTreeRepository } from './content-tree-repository.ts';
import { sqlContentVersionsRepository } from './content-versions-repository.ts';
import type { SqlDialect } from './dialect.ts';
import type { Tables } from './tables.ts';
import type { TextIndex } from './text-index.ts';

/** The content port, assembled from its parts: rows and filters, versions, the page tree, keyset listing. */
export function sqlContentRepository(
  db: Kysely<Tables>,
  text: TextIndex,
  dialect: SqlDialect,
): ContentRepository {
  return {
    ...sqlContentRowsRepository(db, text, dialect),
    ...sqlContentVersionsRepository(db, text),
    ...sqlContentTreeRepository(db),
    ...sqlContentKeysetListing(db),
    ...sqlAttachmentBrowsing(db),
  };
}
