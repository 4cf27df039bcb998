import { isClosingTag, isSelfClosingTag, placedMarkupTokens, tagNameOf } from './markup-tokens.ts';

export const resolutionStatuses = ['open', 'reopened', 'resolved', 'dangling'] as const;
export type ResolutionStatus = (typeof resolutionStatuses)[number];

/** What an inline comment is anchored to, and whether it is resolved. */
export interface InlineAnchor {
  commentId: number;
  /** The `ac:ref` of the `<ac:inline-comment-marker>` round the text in the page body. */
  markerRef: string;
  /** The text selected when the comment was made. */
  originalSelection: string;
  resolutionStatus: ResolutionStatus;
  resolutionModifierId: number | null;
  resolutionModifiedAtMs: number | null;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Text that is not the page's prose: macro parameters and the ids and statuses of tasks.
const hiddenElements = new Set(['ac:parameter', 'ac:task-id', 'ac:task-status', 'ac:placeholder']);

/** Where a selection occurs in the prose of a storage body: the offsets of each occurrence. */
export function selectionOccurrences(storage: string, selection: string): number[] {
  const needle = escapeText(selection);
  const found: number[] = [];
  if (needle === '') return found;
  let hiddenDepth = 0;
  for (const { token, from } of placedMarkupTokens(storage)) {
    if (token.kind === 'tag') {
      if (isSelfClosingTag(token.tag) || !hiddenElements.has(tagNameOf(token.tag))) continue;
      hiddenDepth = Math.max(0, hiddenDepth + (isClosingTag(token.tag) ? -1 : 1));
      continue;
    }
    if (token.kind !== 'text' || hiddenDepth > 0) continue;
    for (
      let at = token.text.indexOf(needle);
      at !== -1;
      at = token.text.indexOf(needle, at + needle.length)
    ) {
      found.push(from + at);
    }
  }
  return found;
}

/**
 * The body with occurrence `matchIndex` (from 0) of the selection wrapped in an inline comment marker,
 * as Confluence anchors an inline comment; undefined when there is no such occurrence. Occurrences are
 * counted within runs of text, not across tags, and never in CDATA (code) or macro parameters.
 */
export function markSelection(
  storage: string,
  selection: string,
  matchIndex: number,
  markerRef: string,
): string | undefined {
  const at = selectionOccurrences(storage, selection)[matchIndex];
  if (at === undefined) return undefined;
  const end = at + escapeText(selection).length;
  return `${storage.slice(0, at)}<ac:inline-comment-marker ac:ref="${markerRef}">${storage.slice(at, end)}</ac:inline-comment-marker>${storage.slice(end)}`;
}
