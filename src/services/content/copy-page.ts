import type { Content, ContentBody } from '../../domain/content.ts';
import { bodyFromInput, normaliseTitle } from '../../domain/content-rules.ts';
import { badRequest, conflict } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireCreate, requireRight } from '../permissions/policy.ts';
import { requireVisibleSpaceByKey, requireWriter } from '../permissions/space-access.ts';
import {
  type CopyOptions,
  type CopyPlacement,
  copyOptionsOf,
  copyPageContents,
} from './copy-page-contents.ts';
import { requireUniqueTitle } from './unique-title.ts';

const destinationTypes = ['space', 'existing_page', 'parent_page', 'parent_content'] as const;

/** The refusal of a destination the copy cannot read. */
export const destinationRule = `destination must be {type: ${destinationTypes.join(' | ')}, value}`;

/** A storage-format body as v1 sends it: `{value, representation}`. */
type StorageValue = { value?: string | null };

/** `CopyPageRequest`: where the copy goes, its title and body (the source's when absent), what it takes along. */
export type CopyPageInput = Partial<CopyOptions> & {
  destination?: { type?: string; value?: string };
  pageTitle?: string;
  /** `body.storage` or `body.editor2` (both storage-format XHTML). */
  body?: { storage?: StorageValue | null; editor2?: StorageValue | null };
};

/**
 * `POST /content/{id}/copy`: the page as a new root page of a space, a new child of a page, or a new
 * version of an existing page, with the title and body given or the source's. A current page of the same
 * title in the destination space is a clash (400), as in Cloud: copy into the same space with a new title.
 */
export async function copyPage(
  deps: ServiceDeps,
  principal: Principal,
  sourceId: number,
  input: CopyPageInput,
): Promise<Content> {
  requireWriter(principal);
  const destination = input.destination ?? {};
  const type = destinationTypes.find((candidate) => candidate === destination.type);
  if (!type || destination.value === undefined || destination.value === '') {
    throw badRequest(destinationRule, { field: 'destination' });
  }
  const source = await requireVisibleContent(deps, principal, sourceId, ['current']);
  if (source.type !== 'page') throw badRequest('Only pages can be copied', { contentId: sourceId });
  const title = input.pageTitle === undefined ? source.title : normaliseTitle(input.pageTitle);
  const body = bodyOf(input.body);
  const placement = await placementOf(deps, principal, type, destination.value);
  const spaceId = placement.kind === 'new' ? placement.spaceId : (placement.page.spaceId ?? 0);
  const options = copyOptionsOf(input);

  return deps.store.transaction(async (repositories) => {
    const space = await repositories.spaces.findById(spaceId);
    if (!space) throw conflict('The destination space was removed meanwhile');
    if (placement.kind === 'existing') {
      const latest = await repositories.content.findById(placement.page.id);
      if (latest?.status !== 'current') throw conflict('The destination page changed meanwhile');
    }
    await requireUniqueTitle(repositories.content, {
      type: 'page',
      spaceId,
      title,
      spaceKey: space.key,
      ...(placement.kind === 'existing' && { exceptId: placement.page.id }),
    });
    return copyPageContents(deps, repositories, principal, { source, placement, title, body, options });
  });
}

/** `body.storage` or `body.editor2` (both storage-format XHTML); none: the source's body. */
function bodyOf(body: CopyPageInput['body']): ContentBody | null {
  if (body === undefined) return null;
  const given = body.storage ?? body.editor2;
  if (given === undefined || given === null) {
    throw badRequest('body must carry storage or editor2 with a value', { field: 'body' });
  }
  return bodyFromInput({ storage: given }) ?? null;
}

async function placementOf(
  deps: ServiceDeps,
  principal: Principal,
  type: (typeof destinationTypes)[number],
  value: string,
): Promise<CopyPlacement> {
  if (type === 'space') {
    const space = await requireVisibleSpaceByKey(deps, principal, value);
    await requireCreate(deps, principal, space.id, { type: 'page' });
    return { kind: 'new', spaceId: space.id, parentId: null };
  }
  const id = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(id)) throw badRequest(`destination.value must be a content id, not '${value}'`);
  const page = await requireVisibleContent(deps, principal, id, ['current']);
  if (page.type !== 'page' || page.spaceId === null) {
    throw badRequest('The destination must be a page', { field: 'destination' });
  }
  if (type === 'existing_page') {
    await requireRight(deps, principal, page, 'update');
    return { kind: 'existing', page };
  }
  await requireCreate(deps, principal, page.spaceId, { type: 'page' });
  return { kind: 'new', spaceId: page.spaceId, parentId: page.id };
}
