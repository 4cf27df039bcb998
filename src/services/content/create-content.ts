import {
  type CommentLocation,
  type Content,
  type ContentStatus,
  type ContentType,
  isPageTreeType,
  type Space,
} from '../../domain/content.ts';
import {
  bodyFromInput,
  type ContentBodyInput,
  emptyStorageBody,
  normaliseTitle,
} from '../../domain/content-rules.ts';
import { badRequest, contentNotFound, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { contentWebhookEvent } from '../../domain/webhook.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { auditNoun, recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { indexContentTasks } from '../page-tasks/index-content-tasks.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireCreate } from '../permissions/policy.ts';
import {
  requireVisibleSpaceById,
  requireVisibleSpaceByKey,
  requireWriter,
} from '../permissions/space-access.ts';
import { requireUniqueTitle } from './unique-title.ts';

export interface CreateContentInput {
  /** page, blogpost or comment; anything else (or none) is refused. */
  type?: string;
  title?: string | undefined;
  spaceKey?: string | undefined;
  /** v2 names the space by id instead of key. */
  spaceId?: number | undefined;
  /** v2 puts a page created without a parent under the space's home page (unless `root-level=true`). */
  underHomepage?: boolean;
  /** Page parent, or the comment a reply answers. */
  parentId?: number | undefined;
  /** The page or blog post a comment belongs to. */
  containerId?: number | undefined;
  body?: ContentBodyInput | undefined;
  /** current or draft (current when not given). */
  status?: string | undefined;
  /** footer or inline (footer when not given). */
  commentLocation?: string | undefined;
  message?: string | undefined;
  /** A fixture's stated id (services/fixtures), reserved beforehand; the REST routes never set it. */
  id?: number;
  /** More work in the transaction that creates the item (an inline comment's anchor), all or nothing. */
  alsoInTransaction?: (repositories: MetadataRepositories, created: Content) => Promise<void>;
}

const creatableTypes: readonly ContentType[] = ['page', 'blogpost', 'comment'];

/** Creates a page, blog post or comment with its version 1, as `POST /rest/api/content` does. */
export async function createContent(
  deps: ServiceDeps,
  principal: Principal,
  input: CreateContentInput,
): Promise<Content> {
  const authorId = requireWriter(principal);
  const type = creatableTypes.find((candidate) => candidate === input.type);
  if (!type) throw badRequest(`Content type must be one of ${creatableTypes.join(', ')}`, { field: 'type' });
  const status: ContentStatus = input.status === 'draft' ? 'draft' : 'current';
  if (input.status !== undefined && input.status !== 'current' && input.status !== 'draft') {
    throw badRequest('New content must have status current or draft', { field: 'status' });
  }
  const body = bodyFromInput(input.body) ?? emptyStorageBody;

  const placement =
    type === 'comment'
      ? await commentPlacement(deps, principal, input)
      : await pagePlacement(deps, principal, input);
  const title = type === 'comment' ? `Re: ${placement.containerTitle}` : normaliseTitle(input.title);
  await requireCreate(deps, principal, placement.spaceId, { type });

  return deps.store.transaction(async (repositories) => {
    await requirePlacementStillLive(repositories, placement);
    if (type !== 'comment' && status === 'current') {
      await requireUniqueTitle(repositories.content, {
        type,
        spaceId: placement.spaceId,
        title,
        spaceKey: placement.spaceKey,
      });
    }
    const nowMs = deps.clock.nowMs();
    const created = await repositories.content.insert(
      {
        type,
        status,
        spaceId: placement.spaceId,
        parentId: placement.parentId,
        containerId: placement.containerId,
        commentLocation: placement.commentLocation,
        creatorId: authorId,
        ...(input.id !== undefined && { id: input.id }),
      },
      {
        title,
        authorId,
        createdAtMs: nowMs,
        message: input.message ?? '',
        minorEdit: false,
        body,
        file: null,
      },
    );
    await indexContentTasks(repositories, created, authorId, nowMs);
    await input.alsoInTransaction?.(repositories, created);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: `${auditNoun(type)} created`,
      content: created,
      webhookEvent: status === 'current' ? contentWebhookEvent(type, 'created') : undefined,
      changes: [
        { name: 'Title', before: '', after: created.title },
        { name: 'Status', before: '', after: status },
      ],
    });
    return created;
  });
}

/** The parent or container was checked before the transaction; it may have gone to the trash since. */
async function requirePlacementStillLive(repositories: MetadataRepositories, placement: Placement) {
  for (const id of [placement.parentId, placement.containerId]) {
    if (id === null) continue;
    const live = await repositories.content.findById(id);
    if (!live || (live.status !== 'current' && live.status !== 'draft')) {
      throw contentNotFound(id);
    }
  }
  if (!(await repositories.spaces.findById(placement.spaceId))) {
    throw notFound(`No space with id : ${placement.spaceId}`, { spaceId: placement.spaceId });
  }
}

interface Placement {
  spaceId: number;
  spaceKey: string;
  parentId: number | null;
  containerId: number | null;
  containerTitle: string;
  commentLocation: CommentLocation | null;
}

async function pagePlacement(
  deps: ServiceDeps,
  principal: Principal,
  input: CreateContentInput,
): Promise<Placement> {
  let space: Space;
  if (input.spaceId !== undefined) space = await requireVisibleSpaceById(deps, principal, input.spaceId);
  else if (input.spaceKey === undefined || input.spaceKey === '') {
    throw badRequest('A space key is required to create content', { field: 'space' });
  } else space = await requireVisibleSpaceByKey(deps, principal, input.spaceKey);
  let parentId: number | null = null;
  if (input.parentId === undefined && input.underHomepage && input.type === 'page') {
    const homepage =
      space.homepageId === null ? undefined : await deps.store.content.findById(space.homepageId);
    if (homepage?.type === 'page' && homepage.status === 'current') parentId = homepage.id;
  }
  if (input.parentId !== undefined) {
    if (input.type !== 'page') throw badRequest('Only pages can have a parent page', { field: 'ancestors' });
    const parent = await requireVisibleContent(deps, principal, input.parentId, ['current', 'draft']);
    // Cloud nests pages under folders, whiteboards, databases and Smart Links too.
    if (!isPageTreeType(parent.type) || parent.spaceId !== space.id) {
      throw badRequest('The parent must be a page in the same space', { field: 'ancestors' });
    }
    parentId = parent.id;
  }
  return {
    spaceId: space.id,
    spaceKey: space.key,
    parentId,
    containerId: null,
    containerTitle: '',
    commentLocation: null,
  };
}

async function commentPlacement(
  deps: ServiceDeps,
  principal: Principal,
  input: CreateContentInput,
): Promise<Placement> {
  if (input.containerId === undefined)
    throw badRequest('A comment needs a container page or blog post', { field: 'container' });
  const container = await requireVisibleContent(deps, principal, input.containerId, ['current', 'draft']);
  // Confluence takes comments on pages, blog posts and attachments (v2 lists `/attachments/{id}/footer-comments`).
  if (container.type === 'comment') {
    throw badRequest('Comments can be added to pages, blog posts and attachments only', {
      field: 'container',
    });
  }
  let parentId: number | null = null;
  if (input.parentId !== undefined) {
    const parent = await requireVisibleContent(deps, principal, input.parentId, ['current']);
    if (parent.type !== 'comment' || parent.containerId !== container.id) {
      throw badRequest('A reply must answer a comment on the same page', { field: 'ancestors' });
    }
    parentId = parent.id;
  }
  const location = input.commentLocation ?? 'footer';
  if (location !== 'footer' && location !== 'inline') {
    throw badRequest('Comment location must be footer or inline', { field: 'location' });
  }
  return {
    spaceId: container.spaceId ?? 0,
    spaceKey: '',
    parentId,
    containerId: container.id,
    containerTitle: container.title,
    commentLocation: location,
  };
}
