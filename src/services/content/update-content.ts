import { type Content, type ContentStatus, type ContentType, isPageTreeType } from '../../domain/content.ts';
import {
  bodyFromInput,
  type ContentBodyInput,
  customContentRepresentations,
  normaliseTitle,
  storedRepresentations,
} from '../../domain/content-rules.ts';
import { badRequest, conflict, duplicateFilename, notFound, staleVersion } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { contentWebhookEvent } from '../../domain/webhook.ts';
import type { ContentMove } from '../../ports/content-store.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { type UpdateAttachmentInput, updateAttachment } from '../attachments/update-attachment.ts';
import { auditNoun, recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { indexContentTasks } from '../page-tasks/index-content-tasks.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { requireUniqueTitle } from './unique-title.ts';

export interface UpdateContentInput {
  /** The number the new version gets: it must be the current one plus one (none is a stale version). */
  versionNumber: number | undefined;
  /** The title; none keeps the current one. */
  title?: string | undefined;
  body?: ContentBodyInput | undefined;
  /** current or draft; none keeps the status (a trashed item must be given current). */
  status?: string | undefined;
  /** New parent page (a move), taken from the last of `ancestors`. */
  parentId?: number | undefined;
  message?: string | undefined;
  minorEdit?: boolean | undefined;
  /** v2 paths name the type (`/pages/{id}`): another type there is as missing as no content at all. */
  types?: readonly ContentType[] | undefined;
  /** v2 repeats the space id; content does not move between spaces (400 when it differs). */
  spaceId?: number | undefined;
  /**
   * For an attachment, what its own update takes besides the title (api-reference.md §1.5). Read only
   * when the content is one: a page's body may carry a `container` (its space) that means nothing here.
   */
  attachment?: () => Pick<UpdateAttachmentInput, 'mediaType' | 'comment' | 'containerId'>;
}

/**
 * `PUT /rest/api/content/{id}`: a new version (title, body, place), or a restore from the trash with
 * `status: current`. The version rule is Confluence's optimistic lock: current + 1, otherwise 409.
 */
export async function updateContent(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  input: UpdateContentInput,
): Promise<Content> {
  const authorId = requireWriter(principal);
  const existing = await requireVisibleContent(deps, principal, id, ['current', 'draft', 'trashed']);
  if (input.types && !input.types.includes(existing.type)) {
    throw notFound(`No ${input.types.join(' or ')} found with id : ${id}`, { contentId: id });
  }
  if (input.spaceId !== undefined && input.spaceId !== existing.spaceId) {
    throw badRequest('Content cannot be moved to another space', { field: 'spaceId' });
  }
  // A current attachment changes as through its container's path: its comment carries over, it may move.
  if (existing.type === 'attachment' && existing.status === 'current' && existing.containerId !== null) {
    // Not silently ignored: a client asking for the trash this way would believe the file gone.
    if (input.status !== undefined && input.status !== 'current') {
      throw badRequest('A current attachment keeps status current here; DELETE it to move it to the trash', {
        field: 'status',
      });
    }
    return updateAttachment(deps, principal, existing.containerId, id, {
      version: { number: input.versionNumber },
      title: input.title,
      ...input.attachment?.(),
    });
  }
  const status = parseStatus(input.status, existing.status);
  if (existing.status === 'trashed' && status !== 'current') {
    throw badRequest('Content in the trash can only be restored, with status current');
  }
  // Restoring undoes a delete, so it takes the right to delete; anything else is an edit.
  await requireRight(deps, principal, existing, existing.status === 'trashed' ? 'delete' : 'update');
  const title = input.title === undefined ? existing.title : normaliseTitle(input.title);
  const representations = existing.type === 'custom' ? customContentRepresentations : storedRepresentations;
  const body = bodyFromInput(input.body, representations) ?? existing.version.body;
  const move: ContentMove = { status };
  if (input.parentId !== undefined && input.parentId !== existing.parentId) {
    move.parentId = await checkedNewParent(deps, principal, existing, input.parentId);
  }

  return deps.store.transaction(async (repositories) => {
    const current = await repositories.content.findById(id);
    if (!current) throw conflict(`Content ${id} was removed while being updated`);
    // Trashing and restoring add no version, so the version rule alone would not notice them.
    if (current.status !== existing.status) {
      throw conflict(`Content ${id} changed status to ${current.status} while being updated; read it again`);
    }
    const newParentId = move.parentId;
    if (typeof newParentId === 'number') await requireNoCycle(repositories, id, newParentId);
    const expected = current.version.number + 1;
    if (input.versionNumber !== expected) {
      throw staleVersion(current.version.number);
    }
    await checkTitle(repositories, current, title, status);
    await checkAttachmentName(repositories, current, title, status);
    const updated = await repositories.content.appendVersion(
      id,
      {
        title,
        authorId,
        createdAtMs: deps.clock.nowMs(),
        // An attachment's comment belongs to the file and survives a restore (publishers keep a hash in it).
        message: input.message ?? (current.type === 'attachment' ? current.version.message : ''),
        minorEdit: input.minorEdit === true,
        body,
        file: current.version.file,
      },
      move,
    );
    await indexContentTasks(repositories, updated, authorId, updated.version.createdAtMs);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: `${auditNoun(current.type)} ${existing.status === 'trashed' ? 'restored from trash' : 'updated'}`,
      content: updated,
      // Publishing a draft is the page's creation as far as a listener knows; edits of a draft raise nothing.
      webhookEvent:
        updated.status !== 'current'
          ? undefined
          : contentWebhookEvent(
              current.type,
              existing.status === 'trashed'
                ? 'restored'
                : existing.status === 'draft'
                  ? 'created'
                  : 'updated',
            ),
      changes: [
        { name: 'Title', before: current.title, after: updated.title },
        { name: 'Status', before: current.status, after: updated.status },
        { name: 'Version', before: current.version.number, after: updated.version.number },
        { name: 'Parent', before: current.parentId, after: updated.parentId },
      ],
    });
    return updated;
  });
}

function parseStatus(raw: string | undefined, existing: ContentStatus): ContentStatus {
  if (raw === undefined) return existing === 'trashed' ? 'trashed' : existing;
  if (raw === 'current' || raw === 'draft') return raw;
  throw badRequest('Status must be current or draft', { field: 'status' });
}

async function checkTitle(
  repositories: MetadataRepositories,
  current: Content,
  title: string,
  status: ContentStatus,
) {
  const comparesTitles = current.type === 'page' || current.type === 'blogpost';
  const changes = title !== current.title || current.status !== status;
  if (!comparesTitles || !changes || status !== 'current' || current.spaceId === null) return;
  const space = await repositories.spaces.findById(current.spaceId);
  await requireUniqueTitle(repositories.content, {
    type: current.type,
    spaceId: current.spaceId,
    title,
    spaceKey: space?.key ?? '',
    exceptId: current.id,
  });
}

/** A restored attachment may not share its name with one added to the page while it was in the trash. */
async function checkAttachmentName(
  repositories: MetadataRepositories,
  current: Content,
  title: string,
  status: ContentStatus,
) {
  if (current.type !== 'attachment' || status !== 'current' || current.containerId === null) return;
  const clash = await repositories.content.currentAttachmentNamed(current.containerId, title);
  if (clash && clash.id !== current.id) throw duplicateFilename(title);
}

/** Checked inside the transaction too: two moves at once must not make a page its own ancestor. */
async function requireNoCycle(repositories: MetadataRepositories, id: number, parentId: number) {
  const parent = await repositories.content.findById(parentId);
  if (!parent || (parent.status !== 'current' && parent.status !== 'draft')) {
    throw conflict(`The new parent ${parentId} is no longer available`);
  }
  const lineage = await repositories.content.ancestors(parentId);
  if (parentId === id || lineage.some((ancestor) => ancestor.id === id)) {
    throw badRequest('A page cannot be moved under itself or one of its descendants', { field: 'ancestors' });
  }
}

/** A page moves under another page of its space, never under itself or its own descendants. */
async function checkedNewParent(deps: ServiceDeps, principal: Principal, page: Content, parentId: number) {
  if (page.type !== 'page')
    throw badRequest('Only pages can be moved under a parent', { field: 'ancestors' });
  const parent = await requireVisibleContent(deps, principal, parentId, ['current', 'draft']);
  if (!isPageTreeType(parent.type) || parent.spaceId !== page.spaceId) {
    throw badRequest('The new parent must be a page in the same space', { field: 'ancestors' });
  }
  const lineage = [...(await deps.store.content.ancestors(parent.id)), parent];
  if (lineage.some((ancestor) => ancestor.id === page.id)) {
    throw badRequest('A page cannot be moved under itself or one of its descendants', { field: 'ancestors' });
  }
  return parent.id;
}
