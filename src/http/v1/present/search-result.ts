import { bodyText } from '../../../domain/body-text.ts';
import type { Content, Space } from '../../../domain/content.ts';
import type { CqlExpression } from '../../../domain/cql/ast.ts';
import { highlightWordsOf } from '../../../domain/cql/text-terms.ts';
import type { User } from '../../../domain/user.ts';
import type { Surface } from '../../common/surface.ts';
import { friendlyWhen, isoOf } from '../../common/time.ts';

/**
 * One `/rest/api/search` hit (api-reference.md §4, SearchResult): the rendered content plus the fields
 * the search UI shows. Excerpts mark matched words with Confluence's `@@@hl@@@…@@@endhl@@@`.
 */

export type ExcerptMode = 'highlight' | 'indexed' | 'none' | 'highlight_unescaped' | 'indexed_unescaped';
export const excerptModes: readonly ExcerptMode[] = [
  'highlight',
  'indexed',
  'none',
  'highlight_unescaped',
  'indexed_unescaped',
];

export interface HighlightWord {
  word: string;
  prefix: boolean;
}

/** Words searched for by the positive `text`, `title` and `filename` `~` clauses of the query. */
export function highlightWordsOfQuery(expression: CqlExpression): HighlightWord[] {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return expression.operands.flatMap(highlightWordsOfQuery);
    case 'not':
      return [];
    case 'clause':
      return expression.operator === '~' &&
        ['text', 'title', 'filename'].includes(expression.field) &&
        expression.value.kind === 'literal'
        ? highlightWordsOf(expression.value.text)
        : [];
  }
}

const excerptLength = 200;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function excerptOf(content: Content, words: readonly HighlightWord[], mode: ExcerptMode): string {
  if (mode === 'none') return '';
  const body = content.version.body;
  const text = (body === null ? '' : bodyText(body.representation, body.value)).replace(/\s+/g, ' ').trim();
  const escaped = mode.endsWith('_unescaped') ? (part: string) => part : escapeHtml;
  const pattern =
    words.length === 0
      ? null
      : new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${words
            .map(({ word, prefix }) => `${escapeRegExp(word)}${prefix ? '[\\p{L}\\p{N}]*' : ''}`)
            .join('|')})(?![\\p{L}\\p{N}])`,
          'giu',
        );
  const first = pattern === null ? -1 : text.search(pattern);
  // Start a little before the first match so it is read in context.
  const from = first <= excerptLength / 2 ? 0 : first - excerptLength / 4;
  const window = text.slice(from, from + excerptLength);
  if (pattern === null || !mode.startsWith('highlight')) return escaped(window);
  let result = '';
  let last = 0;
  for (const match of window.matchAll(pattern)) {
    const at = match.index ?? 0;
    result += `${escaped(window.slice(last, at))}@@@hl@@@${escaped(match[0])}@@@endhl@@@`;
    last = at + match[0].length;
  }
  return result + escaped(window.slice(last));
}

const iconOf = (content: Content) =>
  content.type === 'attachment'
    ? 'aui-icon content-type-attachment'
    : `aui-icon content-type-${content.type}`;

export function presentV1SearchResult(
  content: Content,
  rendered: { _links?: { webui?: string } },
  space: Space | undefined,
  view: { surface: Surface; nowMs: number; excerpt: string; score: number },
) {
  const { surface } = view;
  return {
    content: rendered,
    title: content.title,
    excerpt: view.excerpt,
    url: rendered._links?.webui ?? '',
    resultGlobalContainer: {
      title: space?.name ?? '',
      displayUrl: space ? (surface.cloud ? `/spaces/${space.key}` : `/display/${space.key}`) : '',
    },
    breadcrumbs: [],
    entityType: 'content',
    iconCssClass: iconOf(content),
    lastModified: isoOf(content.version.createdAtMs),
    friendlyLastModified: friendlyWhen(content.version.createdAtMs, view.nowMs),
    score: view.score,
  };
}

interface OtherHitView {
  surface: Surface;
  nowMs: number;
  excerptMode: ExcerptMode;
  score: number;
}

/** Shared by the space and person hits, whose text is a name and, for a space, its description. */
function presentOtherHit(
  entity: 'space' | 'user',
  title: string,
  excerpt: string,
  modifiedAtMs: number,
  url: string,
  view: OtherHitView,
) {
  const escaped = view.excerptMode.endsWith('_unescaped') ? excerpt : escapeHtml(excerpt);
  return {
    title,
    excerpt: view.excerptMode === 'none' ? '' : escaped.slice(0, excerptLength),
    url,
    breadcrumbs: [],
    entityType: entity,
    iconCssClass: entity === 'space' ? 'aui-icon space-avatar' : 'aui-icon content-type-profile',
    lastModified: isoOf(modifiedAtMs),
    friendlyLastModified: friendlyWhen(modifiedAtMs, view.nowMs),
    score: view.score,
  };
}

/** A space found by `type = space` (SearchResult with `space`, `entityType: "space"`). */
export function presentV1SpaceSearchResult(
  space: Space,
  rendered: { _links?: { webui?: string } },
  view: OtherHitView,
) {
  return {
    space: rendered,
    ...presentOtherHit(
      'space',
      space.name,
      space.description,
      space.updatedAtMs,
      rendered._links?.webui ?? '',
      view,
    ),
  };
}

/** A person found by `type = user` or the user search (SearchResult with `user`, `entityType: "user"`). */
export function presentV1UserSearchResult(user: User, rendered: unknown, view: OtherHitView) {
  const url = view.surface.cloud
    ? `/people/${user.accountId}`
    : `/display/~${encodeURIComponent(user.username)}`;
  return { user: rendered, ...presentOtherHit('user', user.displayName, '', user.updatedAtMs, url, view) };
}
