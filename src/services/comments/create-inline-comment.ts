import { randomUUID } from 'node:crypto';
import type { Content } from '../../domain/content.ts';
import type { ContentBodyInput } from '../../domain/content-rules.ts';
import { badRequest, contentNotFound } from '../../domain/errors.ts';
import { type InlineAnchor, markSelection, selectionOccurrences } from '../../domain/inline-comment.ts';
import type { Principal } from '../../domain/principal.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { createContent } from '../content/create-content.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { indexContentTasks } from '../page-tasks/index-content-tasks.ts';
import { requireCommentAt } from './footer-comment.ts';

export interface NewInlineCommentInput {
  pageId?: number | undefined;
  blogPostId?: number | undefined;
  parentCommentId?: number | undefined;
  body?: ContentBodyInput | undefined;
  /** `inlineCommentProperties`: the text the comment is on, which occurrence, and how many there are. */
  textSelection?: string | undefined;
  textSelectionMatchCount?: number | undefined;
  textSelectionMatchIndex?: number | undefined;
}

interface Selection {
  text: string;
  matchIndex: number;
  matchCount: number | undefined;
}

function selectionOf(input: NewInlineCommentInput): Selection {
  const text = input.textSelection;
  if (text === undefined || text.trim() === '') {
    throw badRequest('An inline comment needs inlineCommentProperties.textSelection', {
      field: 'inlineCommentProperties.textSelection',
    });
  }
  const whole = (value: number | undefined, name: string) => {
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < 0) {
      throw badRequest(`${name} must be a whole number, 0 or more`, {
        field: `inlineCommentProperties.${name}`,
      });
    }
    return value;
  };
  return {
    text,
    matchIndex: whole(input.textSelectionMatchIndex, 'textSelectionMatchIndex') ?? 0,
    matchCount: whole(input.textSelectionMatchCount, 'textSelectionMatchCount'),
  };
}

/**
 * The container's storage body with the selection marked; a 400 when the body does not hold that
 * occurrence, or holds another number of them than the client counted (the page changed under it).
 */
function markedBody(container: Content, selection: Selection, markerRef: string): string {
  const body = container.version.body;
  if (body?.representation !== 'storage') {
    throw badRequest(`The body of ${container.type} ${container.id} is not in storage format`, {
      field: 'inlineCommentProperties.textSelection',
    });
  }
  const count = selectionOccurrences(body.value, selection.text).length;
  const marked = markSelection(body.value, selection.text, selection.matchIndex, markerRef);
  if (marked === undefined || (selection.matchCount !== undefined && selection.matchCount !== count)) {
    throw badRequest(
      `The text selection occurs ${count} times in ${container.type} ${container.id}; occurrence ${selection.matchIndex} (counting from 0) of ${selection.matchCount ?? count} was asked for`,
      { field: 'inlineCommentProperties.textSelection' },
    );
  }
  return marked;
}

/** Marks the text in the container's body, as a new version, in the transaction that makes the comment. */
async function anchorInBody(
  repositories: MetadataRepositories,
  comment: Content,
  selection: Selection,
): Promise<void> {
  const containerId = comment.containerId ?? 0;
  const container = await repositories.content.findById(containerId);
  if (!container) throw contentNotFound(containerId);
  const markerRef = randomUUID();
  const atMs = comment.version.createdAtMs;
  const updated = await repositories.content.appendVersion(container.id, {
    title: container.title,
    authorId: comment.version.authorId,
    createdAtMs: atMs,
    message: '',
    minorEdit: true,
    body: { representation: 'storage', value: markedBody(container, selection, markerRef) },
    file: null,
  });
  await indexContentTasks(repositories, updated, comment.version.authorId, atMs);
  await repositories.inlineComments.insert(openAnchor(comment.id, markerRef, selection.text));
}

const openAnchor = (commentId: number, markerRef: string, originalSelection: string): InlineAnchor => ({
  commentId,
  markerRef,
  originalSelection,
  resolutionStatus: 'open',
  resolutionModifierId: null,
  resolutionModifiedAtMs: null,
});

/**
 * `POST /wiki/api/v2/inline-comments`. A top-level comment names its page or blog post and the text it
 * is on: that occurrence of the text is wrapped in an `<ac:inline-comment-marker ac:ref="…">` in the
 * body, saved as a minor new version by the commenter, as Confluence anchors it. A reply names only the
 * comment it answers and shares its anchor. Comment, anchor and body change land together or not at all.
 */
export async function createInlineComment(
  deps: ServiceDeps,
  principal: Principal,
  input: NewInlineCommentInput,
): Promise<Content> {
  const named = [input.pageId, input.blogPostId, input.parentCommentId].filter((id) => id !== undefined);
  if (named.length !== 1) {
    throw badRequest('Exactly one of pageId, blogPostId or parentCommentId is required', { field: 'pageId' });
  }
  if (input.body === undefined) {
    throw badRequest('A comment needs a body', { field: 'body' });
  }
  if (input.parentCommentId !== undefined) {
    const parent = await requireCommentAt(deps, principal, input.parentCommentId, 'inline', ['current']);
    const anchor = await deps.store.inlineComments.find(parent.id);
    return createContent(deps, principal, {
      type: 'comment',
      containerId: parent.containerId ?? undefined,
      parentId: parent.id,
      body: input.body,
      commentLocation: 'inline',
      alsoInTransaction: async (repositories, created) => {
        if (anchor) {
          await repositories.inlineComments.insert(
            openAnchor(created.id, anchor.markerRef, anchor.originalSelection),
          );
        }
      },
    });
  }
  const selection = selectionOf(input);
  const container = await requireContentOfType(
    deps,
    principal,
    input.pageId !== undefined
      ? { id: input.pageId, types: ['page'] }
      : { id: input.blogPostId ?? 0, types: ['blogpost'] },
    ['current'],
  );
  // Checked before anything is written, for a clear 400; checked again on the body the transaction sees.
  markedBody(container, selection, '');
  return createContent(deps, principal, {
    type: 'comment',
    containerId: container.id,
    body: input.body,
    commentLocation: 'inline',
    alsoInTransaction: (repositories, created) => anchorInBody(repositories, created, selection),
  });
}
