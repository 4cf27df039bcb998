import type { Content } from '../../domain/content.ts';
import { normaliseTitle } from '../../domain/content-rules.ts';
import { badRequest, conflict } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireCreate, viewerOf } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { type StartedLongTask, startLongTask } from '../tasks/start-long-task.ts';
import { type AskedCopyOptions, copyOptionsOf, copyPageContents } from './copy-page-contents.ts';
import { requireUniqueTitle } from './unique-title.ts';

/** `titleOptions`: every `search` replaced by `replace`, then `prefix` put in front. */
export interface TitleOptions {
  prefix?: string | undefined;
  search?: string | undefined;
  replace?: string | undefined;
}

/** `CopyPageHierarchyRequest`: where the copy goes, what it takes along, and how titles change. */
export interface CopyPageHierarchyInput extends AskedCopyOptions {
  destinationPageId: number;
  copyDescendants?: boolean | undefined;
  titleOptions?: TitleOptions | undefined;
}

export const copyPageHierarchyTaskName = 'com.atlassian.confluence.pages.copy.hierarchy';

/**
 * `POST /content/{id}/pagehierarchy/copy`: the page and (unless `copyDescendants` is false) every page
 * below it that the caller can see, under `destinationPageId`, as a long task. Titles are rewritten by
 * `titleOptions` (search, replace, then prefix); every new title is checked before the task starts, so a
 * clash in the destination space is a 400 and nothing is copied.
 */
export async function copyPageHierarchy(
  deps: ServiceDeps,
  principal: Principal,
  sourceId: number,
  input: CopyPageHierarchyInput,
): Promise<StartedLongTask> {
  requireWriter(principal);
  const destinationId = input.destinationPageId;
  const rename = titleRewriter(input.titleOptions);
  const source = await requireVisibleContent(deps, principal, sourceId, ['current']);
  const destination = await requireVisibleContent(deps, principal, destinationId, ['current']);
  if (source.type !== 'page' || destination.type !== 'page' || destination.spaceId === null) {
    throw badRequest('Only pages are copied, and only under a page');
  }
  await requireCreate(deps, principal, destination.spaceId, { type: 'page' });
  const lineage = [...(await deps.store.content.ancestors(destination.id)), destination];
  if (lineage.some((page) => page.id === source.id)) {
    throw badRequest('A page hierarchy cannot be copied under itself', { field: 'destinationPageId' });
  }
  const pages = [
    source,
    ...(input.copyDescendants === false ? [] : await pagesBelow(deps, principal, source)),
  ];
  const spaceId = destination.spaceId;
  const space = await deps.store.spaces.findById(spaceId);
  const titles = new Map(pages.map((page) => [page.id, normaliseTitle(rename(page.title))]));
  const seen = new Set<string>();
  for (const title of titles.values()) {
    if (seen.has(title)) throw badRequest(`Two copied pages would both be titled ${title}`, { title });
    seen.add(title);
    await requireUniqueTitle(deps.store.content, {
      type: 'page',
      spaceId,
      title,
      spaceKey: space?.key ?? '',
    });
  }
  const options = copyOptionsOf(input);

  return startLongTask(deps, principal, copyPageHierarchyTaskName, async (run) => {
    const copies = new Map<number, number>();
    for (const [index, page] of pages.entries()) {
      const parentId = page.id === source.id ? destination.id : copies.get(page.parentId ?? -1);
      if (parentId === undefined) continue;
      const title = titles.get(page.id) ?? page.title;
      const copy = await deps.store.transaction(async (repositories) => {
        const latest = await repositories.content.findById(page.id);
        if (latest?.status !== 'current') return undefined;
        await requireUniqueTitle(repositories.content, {
          type: 'page',
          spaceId,
          title,
          spaceKey: space?.key ?? '',
        });
        return copyPageContents(deps, repositories, principal, {
          source: latest,
          placement: { kind: 'new', spaceId, parentId },
          title,
          body: null,
          options,
        });
      });
      if (copy) copies.set(page.id, copy.id);
      await run.report(Math.floor(((index + 1) * 100) / pages.length), `Copied ${page.title}`);
    }
    if (!copies.has(source.id)) throw conflict(`Page ${source.id} was removed before it was copied`);
    return `Copied ${copies.size} pages`;
  });
}

/** The current pages below `page` that the caller can see, every parent before its children. */
async function pagesBelow(deps: ServiceDeps, principal: Principal, page: Content): Promise<Content[]> {
  const below = await deps.store.content.descendants(
    page.id,
    { types: ['page'], statuses: ['current'], viewer: await viewerOf(deps, principal) },
    { start: 0, limit: Number.MAX_SAFE_INTEGER },
  );
  const byParent = new Map<number, Content[]>();
  for (const item of below.items) {
    const siblings = byParent.get(item.parentId ?? -1) ?? [];
    siblings.push(item);
    byParent.set(item.parentId ?? -1, siblings);
  }
  const ordered: Content[] = [];
  const queue = [page.id];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const child of byParent.get(id) ?? []) {
      ordered.push(child);
      queue.push(child.id);
    }
  }
  return ordered;
}

function titleRewriter({
  prefix = '',
  search = '',
  replace = '',
}: TitleOptions = {}): (title: string) => string {
  return (title) => `${prefix}${search === '' ? title : title.split(search).join(replace)}`;
}
