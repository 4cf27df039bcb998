import type { Content, ContentStatus, ContentType } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';

export interface GetContentOptions {
  /** Statuses the caller accepts; `current` when omitted, as in Confluence. */
  statuses?: readonly ContentStatus[] | 'any';
  /** A version other than the current one: the item as it was then, with status `historical`. */
  versionNumber?: number | undefined;
  /** v2 paths name the type (`/pages/{id}`): another type there is as missing as no content at all. */
  types?: readonly ContentType[] | undefined;
}

export async function getContent(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  options: GetContentOptions = {},
): Promise<Content> {
  const statuses = options.statuses === 'any' ? undefined : (options.statuses ?? ['current']);
  const content = await requireVisibleContent(deps, principal, id, statuses);
  if (options.types && !options.types.includes(content.type)) {
    throw notFound(`No ${options.types.join(' or ')} found with id : ${id}`, { contentId: id });
  }
  const wanted = options.versionNumber;
  if (wanted === undefined || wanted === content.version.number) return content;
  const version = await deps.store.content.findVersion(id, wanted);
  if (!version) throw notFound(`No version ${wanted} of content ${id}`, { contentId: id, version: wanted });
  return { ...content, status: 'historical', title: version.title, version };
}
