import type { FastifyRequest } from 'fastify';
import type { Content } from '../../../domain/content.ts';
import { type ExpansionTree, mergeExpansions, parseExpansion } from '../../../domain/expansion.ts';
import type { Slice, Window } from '../../../domain/paging.ts';
import { type ContentRelations, loadRelations } from '../../../services/content/load-relations.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { Surface } from '../../common/surface.ts';
import { pageOf } from '../paging.ts';
import { presentV1Content, presentV1History } from './content.ts';

/**
 * Content as v1 answers it with `expand`: what the expansion names is loaded in one pass (load-relations)
 * before each item is presented, so a list costs a few queries, not a few per item.
 */

// Clients read an attachment's container id and version number whatever they asked to expand (clients.md).
const attachmentEssentials = parseExpansion('container,version');

/**
 * Renders contents with what `expand` asks for, loading the related data in one pass; what the caller
 * already holds (`known`) is not loaded again.
 */
export async function renderContents(
  deps: ServiceDeps,
  request: FastifyRequest,
  contents: Content[],
  tree: ExpansionTree,
  known?: ContentRelations,
) {
  const hasAttachments = contents.some((content) => content.type === 'attachment');
  const attachmentTree = hasAttachments ? mergeExpansions(tree, attachmentEssentials) : tree;
  const relations = await loadRelations(deps, request.principal, contents, attachmentTree, known);
  const view = { surface: request.surface, relations, nowMs: deps.clock.nowMs() };
  return contents.map((content) =>
    presentV1Content(content, content.type === 'attachment' ? attachmentTree : tree, view),
  );
}

/**
 * One item as a whole response: like Confluence, its `_links` also carry `base` and `context`, which
 * clients join with `_links.download` and `webui` (api-reference.md §0.6).
 */
export async function renderContent(
  deps: ServiceDeps,
  request: FastifyRequest,
  content: Content,
  tree: ExpansionTree,
) {
  const [rendered] = await renderContents(deps, request, [content], tree);
  const { base, context } = request.surface;
  return rendered && { ...rendered, _links: { ...rendered._links, base, context } };
}

/** A window of contents in the v1 collection envelope (`results`, `start`, `limit`, `size`, `_links`). */
export async function renderContentPage(
  deps: ServiceDeps,
  request: FastifyRequest,
  slice: Slice<Content>,
  window: Window,
  tree: ExpansionTree,
) {
  const rendered = await renderContents(deps, request, slice.items, tree);
  return pageOf(request, { items: rendered, total: slice.total }, window, (item) => item);
}

/** `/space/{key}/content`: Confluence answers `{page: ContentArray, blogpost: ContentArray}`, indexed by type. */
export function presentV1SpaceContents<T>(page: T, blogpost: T, { base, context }: Surface) {
  return { page, blogpost, _links: { base, context } };
}

/** Contents answered whole, not by window (an upload's attachments): `results`, `size` and `_links`. */
export async function renderContentResults(
  deps: ServiceDeps,
  request: FastifyRequest,
  contents: Content[],
  tree: ExpansionTree,
  known?: ContentRelations,
) {
  const results = await renderContents(deps, request, contents, tree, known);
  const { base, context } = request.surface;
  return { results, size: results.length, _links: { base, context } };
}

/** `GET /content/{id}/history`: the history object alone, its own expansions loaded as under `history`. */
export async function renderHistory(
  deps: ServiceDeps,
  request: FastifyRequest,
  content: Content,
  tree: ExpansionTree,
) {
  const relations = await loadRelations(deps, request.principal, [content], new Map([['history', tree]]));
  return presentV1History(content, tree, { surface: request.surface, relations, nowMs: deps.clock.nowMs() });
}
