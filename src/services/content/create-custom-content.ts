import type { Content, ContentStatus, ContentType } from '../../domain/content.ts';
import {
  bodyFromInput,
  type ContentBodyInput,
  customContentRepresentations,
  hasControlCharacters,
  normaliseTitle,
} from '../../domain/content-rules.ts';
import { badRequest, contentNotFound, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { auditNoun, recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireCreate } from '../permissions/policy.ts';
import { requireVisibleSpaceById, requireWriter } from '../permissions/space-access.ts';
import { requireContentOfType } from './require-content-of-type.ts';

/** Where custom content sits: a space itself, or a page, blog post or other custom content in one. */
export interface CustomContentPlace {
  spaceId?: number | undefined;
  pageId?: number | undefined;
  blogPostId?: number | undefined;
  customContentId?: number | undefined;
}

export interface CreateCustomContentInput extends CustomContentPlace {
  customType?: string | undefined;
  title?: string | undefined;
  /** Required: storage, atlas_doc_format or the app's raw text. */
  body?: ContentBodyInput | undefined;
  /** current or draft (current when not given). */
  status?: string | undefined;
}

const containerTypes: Record<Exclude<keyof CustomContentPlace, 'spaceId'>, ContentType> = {
  pageId: 'page',
  blogPostId: 'blogpost',
  customContentId: 'custom',
};

/** An app's type for its custom content (`ac:my-app:my-type`): a short line of text. */
export function customTypeOf(raw: string | undefined): string {
  const type = raw?.trim() ?? '';
  if (type === '' || type.length > 255 || hasControlCharacters(type)) {
    throw badRequest('type must name the custom content type, up to 255 characters', { field: 'type' });
  }
  return type;
}

/**
 * `POST /custom-content`: version 1 of an app's custom content, in exactly one of a space, page, blog post
 * or other custom content. It is governed by the space's page permissions and, inside a page, by that
 * page's edit restrictions, as an attachment is.
 */
export async function createCustomContent(
  deps: ServiceDeps,
  principal: Principal,
  input: CreateCustomContentInput,
): Promise<Content> {
  const authorId = requireWriter(principal);
  const customType = customTypeOf(input.customType);
  const title = normaliseTitle(input.title);
  if (input.body === undefined) throw badRequest('body is required', { field: 'body' });
  const body = bodyFromInput(input.body, customContentRepresentations);
  if (input.status !== undefined && input.status !== 'current' && input.status !== 'draft') {
    throw badRequest('New custom content must have status current or draft', { field: 'status' });
  }
  const status: ContentStatus = input.status === 'draft' ? 'draft' : 'current';
  const named = (['spaceId', 'pageId', 'blogPostId', 'customContentId'] as const).filter(
    (key) => input[key] !== undefined,
  );
  const key = named[0];
  if (named.length !== 1 || key === undefined) {
    throw badRequest('Exactly one of spaceId, pageId, blogPostId or customContentId is required', {
      field: 'spaceId',
    });
  }
  const id = input[key] ?? 0;
  const container =
    key === 'spaceId'
      ? undefined
      : await requireContentOfType(deps, principal, { id, types: [containerTypes[key]] });
  const spaceId = container
    ? (container.spaceId ?? 0)
    : (await requireVisibleSpaceById(deps, principal, id)).id;
  await requireCreate(deps, principal, spaceId, { type: 'custom' }, container);

  return deps.store.transaction(async (repositories) => {
    if (container) {
      const live = await repositories.content.findById(container.id);
      if (!live || (live.status !== 'current' && live.status !== 'draft')) {
        throw contentNotFound(container.id);
      }
    } else if (!(await repositories.spaces.findById(spaceId))) {
      throw notFound(`No space with id : ${spaceId}`, { spaceId });
    }
    const created = await repositories.content.insert(
      {
        type: 'custom',
        status,
        spaceId,
        parentId: null,
        containerId: container?.id ?? null,
        commentLocation: null,
        creatorId: authorId,
        customType,
      },
      {
        title,
        authorId,
        createdAtMs: deps.clock.nowMs(),
        message: '',
        minorEdit: false,
        body: body ?? null,
        file: null,
      },
    );
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: `${auditNoun('custom')} created`,
      content: created,
      changes: [
        { name: 'Title', before: '', after: created.title },
        { name: 'Type', before: '', after: customType },
        { name: 'Status', before: '', after: status },
      ],
    });
    return created;
  });
}
