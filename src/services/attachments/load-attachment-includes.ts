import type { Content, ContentVersion } from '../../domain/content.ts';
import type { Label } from '../../domain/label.ts';
import { ascending, descending, type KeysetSlice } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Property } from '../../domain/property.ts';
import type { ServiceDeps } from '../deps.ts';
import { type ContentOperation, permittedContentOperations } from '../permissions/content-operations.ts';

/** The `include-*` flags of v2 `GET /attachments/{id}`. */
export interface AttachmentIncludeFlags {
  labels: boolean;
  properties: boolean;
  operations: boolean;
  versions: boolean;
  collaborators: boolean;
}

export interface AttachmentIncludes {
  labels?: KeysetSlice<Label>;
  properties?: KeysetSlice<Property>;
  operations?: ContentOperation[];
  /** Newest first. */
  versions?: KeysetSlice<ContentVersion>;
  /** The users who made its versions, most recent first; `hasMore` when the cap cut the list. */
  collaborators?: { userIds: number[]; hasMore: boolean };
}

// "The number of results will be limited to 50 and sorted in the default sort order" (v2 spec, each
// include-* flag); the default orders are those of the matching list endpoints.
export const includedLimit = 50;
const first = { after: undefined, limit: includedLimit };
// Versions are read in pages this size while looking for distinct authors.
const versionScanLimit = 250;

async function collaboratorsOf(deps: ServiceDeps, attachmentId: number) {
  const userIds: number[] = [];
  let after: KeysetSlice<ContentVersion>['next'];
  do {
    const slice = await deps.store.content.listVersionsKeyset(attachmentId, {
      sort: descending('modified'),
      after,
      limit: versionScanLimit,
    });
    for (const version of slice.items) {
      if (version.authorId === null || userIds.includes(version.authorId)) continue;
      if (userIds.length === includedLimit) return { userIds, hasMore: true };
      userIds.push(version.authorId);
    }
    after = slice.next;
  } while (after);
  return { userIds, hasMore: false };
}

/**
 * The sub-collections `GET /attachments/{id}` was asked to include, for an attachment the caller has
 * already been shown (`getAttachment` checked it); each is the first page of its own list endpoint.
 */
export async function loadAttachmentIncludes(
  deps: ServiceDeps,
  principal: Principal,
  attachment: Content,
  flags: AttachmentIncludeFlags,
): Promise<AttachmentIncludes> {
  const { store } = deps;
  const id = attachment.id;
  return {
    ...(flags.labels && {
      labels: await store.labels.listOnContentKeyset(id, {}, { sort: ascending('id'), ...first }),
    }),
    ...(flags.properties && {
      properties: await store.properties.listKeyset(
        { contentId: id },
        {},
        { sort: ascending('key'), ...first },
      ),
    }),
    ...(flags.operations && { operations: await permittedContentOperations(deps, principal, attachment) }),
    ...(flags.versions && {
      versions: await store.content.listVersionsKeyset(id, { sort: descending('modified'), ...first }),
    }),
    ...(flags.collaborators && { collaborators: await collaboratorsOf(deps, id) }),
  };
}
