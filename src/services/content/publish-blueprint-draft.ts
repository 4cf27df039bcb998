import type { Content } from '../../domain/content.ts';
import { bodyFromInput, type ContentBodyInput, normaliseTitle } from '../../domain/content-rules.ts';
import { badRequest, conflict, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { contentWebhookEvent } from '../../domain/webhook.ts';
import type { ContentMove } from '../../ports/content-store.ts';
import { auditNoun, recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireCreate } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { requireUniqueTitle } from './unique-title.ts';

export interface PublishDraftInput {
  /** `page` (Cloud allows only that), or the draft's own type on DC. */
  type?: string | undefined;
  title?: string | undefined;
  /** Must be 1: the draft's version, which the published page keeps (409 otherwise, as Cloud answers). */
  versionNumber?: number | undefined;
  /** current, or none. */
  status?: string | undefined;
  /** When given, the draft's space. */
  spaceKey?: string | undefined;
  body?: ContentBodyInput | undefined;
  parentId?: number | undefined;
}

/**
 * `PUT|POST /content/blueprint/instance/{draftId}`: publishes a draft as current content (PUT for a shared
 * draft, POST for a legacy one; Tributary keeps one kind of draft, so both publish the same, as Cloud says
 * its POST does "for now"). Needs the right to view the draft and to add content to its space. The page
 * keeps version 1 when only its status and place change; a new title or body is recorded as version 2,
 * so the draft as written stays in the history.
 */
export async function publishBlueprintDraft(
  deps: ServiceDeps,
  principal: Principal,
  draftId: number,
  input: PublishDraftInput,
): Promise<Content> {
  const authorId = requireWriter(principal);
  const draft = await requireVisibleContent(deps, principal, draftId, ['draft']);
  if (draft.type !== 'page' && draft.type !== 'blogpost') {
    throw notFound(`No draft found with id : ${draftId}`, { contentId: draftId });
  }
  if (input.type !== draft.type) {
    throw badRequest(`type must be '${draft.type}', the type of draft ${draftId}`, { field: 'type' });
  }
  if (input.status !== undefined && input.status !== 'current') {
    throw badRequest('status must be current, or left out', { field: 'status' });
  }
  const title = normaliseTitle(input.title);
  const body = bodyFromInput(input.body);
  if (input.versionNumber !== 1) {
    throw conflict('Version must be 1 to publish a draft', { currentVersion: draft.version.number });
  }
  const { spaceId } = draft;
  if (spaceId === null) throw notFound(`No draft found with id : ${draftId}`, { contentId: draftId });
  const space = await deps.store.spaces.findById(spaceId);
  if (input.spaceKey !== undefined && input.spaceKey !== space?.key) {
    throw badRequest(`Draft ${draftId} is in space ${space?.key}, not ${input.spaceKey}`, {
      field: 'space',
    });
  }
  await requireCreate(deps, principal, spaceId, draft);
  const move: ContentMove = { status: 'current' };
  if (input.parentId !== undefined)
    move.parentId = await checkedParent(deps, principal, draft, input.parentId);

  return deps.store.transaction(async (repositories) => {
    const current = await repositories.content.findById(draftId);
    if (current?.status !== 'draft') throw conflict(`Draft ${draftId} was published or removed meanwhile`);
    await requireUniqueTitle(repositories.content, {
      type: current.type,
      spaceId,
      title,
      spaceKey: space?.key ?? '',
      exceptId: current.id,
    });
    const nowMs = deps.clock.nowMs();
    const rewritten =
      title !== current.title || (body !== undefined && body.value !== current.version.body?.value);
    let published: Content | undefined;
    if (rewritten) {
      published = await repositories.content.appendVersion(
        draftId,
        {
          title,
          authorId,
          createdAtMs: nowMs,
          message: '',
          minorEdit: false,
          body: body ?? current.version.body,
          file: null,
        },
        move,
      );
    } else {
      await repositories.content.setPlace(draftId, move, nowMs);
      published = await repositories.content.findById(draftId);
    }
    if (!published) throw conflict(`Draft ${draftId} was removed meanwhile`);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: `${auditNoun(published.type)} published from draft`,
      content: published,
      webhookEvent: contentWebhookEvent(published.type, 'created'),
      changes: [
        { name: 'Title', before: current.title, after: published.title },
        { name: 'Status', before: 'draft', after: 'current' },
      ],
    });
    return published;
  });
}

async function checkedParent(deps: ServiceDeps, principal: Principal, draft: Content, parentId: number) {
  if (draft.type !== 'page') throw badRequest('Only pages have a parent page', { field: 'ancestors' });
  const parent = await requireVisibleContent(deps, principal, parentId, ['current']);
  if (parent.type !== 'page' || parent.spaceId !== draft.spaceId) {
    throw badRequest('The parent must be a current page in the same space', { field: 'ancestors' });
  }
  return parentId;
}
