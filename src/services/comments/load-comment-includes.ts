import type { Content, ContentVersion } from '../../domain/content.ts';
import { ascending, descending, type KeysetSlice } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Property } from '../../domain/property.ts';
import type { User } from '../../domain/user.ts';
import { includedLimit } from '../attachments/load-attachment-includes.ts';
import type { ServiceDeps } from '../deps.ts';
import { likersOf } from '../likes/list-likes.ts';
import { type ContentOperation, permittedContentOperations } from '../permissions/content-operations.ts';

/** The `include-*` flags of v2 `GET /footer-comments/{id}` and `GET /inline-comments/{id}`. */
export interface CommentIncludeFlags {
  properties: boolean;
  operations: boolean;
  likes: boolean;
  versions: boolean;
}

export interface CommentIncludes {
  properties?: KeysetSlice<Property>;
  operations?: ContentOperation[];
  /** The likers, first liker first. */
  likes?: KeysetSlice<User>;
  /** Newest first. */
  versions?: KeysetSlice<ContentVersion>;
}

const first = { after: undefined, limit: includedLimit };

/**
 * What a single comment was asked to include, for a comment the caller has already been shown; each is
 * the first page of its own list endpoint, as the spec has it.
 */
export async function loadCommentIncludes(
  deps: ServiceDeps,
  principal: Principal,
  comment: Content,
  flags: CommentIncludeFlags,
): Promise<CommentIncludes> {
  const { store } = deps;
  const id = comment.id;
  return {
    ...(flags.properties && {
      properties: await store.properties.listKeyset(
        { contentId: id },
        {},
        { sort: ascending('key'), ...first },
      ),
    }),
    ...(flags.operations && { operations: await permittedContentOperations(deps, principal, comment) }),
    ...(flags.likes && { likes: await likersOf(deps, id, { sort: ascending('created'), ...first }) }),
    ...(flags.versions && {
      versions: await store.content.listVersionsKeyset(id, { sort: descending('modified'), ...first }),
    }),
  };
}
