import type { Static } from 'typebox';
import type { ContentStatus } from '../../domain/content.ts';
import { contentStatuses } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { UpdateAttachmentInput } from '../../services/attachments/update-attachment.ts';
import type { CreateContentInput } from '../../services/content/create-content.ts';
import type { PublishDraftInput } from '../../services/content/publish-blueprint-draft.ts';
import type { UpdateContentInput } from '../../services/content/update-content.ts';
import { parseContentId } from '../common/content-ids.ts';
import type { AttachmentMetadata, ContentBody } from './schemas/content.ts';

export type JsonObject = Record<string, unknown>;

export const objectOf = (value: unknown): JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};

/** `status=current&status=trashed`, `status=current,trashed` or `status=any`. */
export function statusesOf(raw: string | string[] | undefined, fallback: readonly ContentStatus[]) {
  const values = [raw ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => value.trim());
  if (values.length === 0 || values.every((value) => value === '')) return fallback;
  if (values.includes('any')) return 'any' as const;
  for (const value of values) {
    if (!(contentStatuses as readonly string[]).includes(value)) throw badRequest(`Unknown status: ${value}`);
  }
  return values as ContentStatus[];
}

/** The parent named by the last entry of v1's `ancestors` array (`[{"id":"123"}]`). */
export function parentIdOf(ancestors: unknown): number | undefined {
  if (ancestors === undefined || ancestors === null) return undefined;
  if (!Array.isArray(ancestors)) throw badRequest('ancestors must be a list of {"id": ...}');
  const last = objectOf(ancestors.at(-1));
  if (ancestors.length === 0) return undefined;
  return parseContentId(String(last.id ?? ''), 'ancestors.id');
}

/** A query's whole number; past 15 digits it could not be counted exactly, nor stored, so it is refused too. */
export function optionalWholeNumber(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw))
    throw badRequest(`${name} must be a whole number of at most 15 digits, not '${raw}'`);
  return Number(raw);
}

/** What an attachment's v1 body may change besides its title: `metadata` and the `container` to move to. */
export function attachmentChangesOf(body: {
  metadata?: Static<typeof AttachmentMetadata>;
  container?: { id?: string | number } | null;
}): Pick<UpdateAttachmentInput, 'mediaType' | 'comment' | 'containerId'> {
  const { container } = body;
  return {
    mediaType: body.metadata?.mediaType,
    comment: body.metadata?.comment,
    containerId:
      container === undefined || container === null
        ? undefined
        : parseContentId(String(container.id ?? ''), 'container.id'),
  };
}

type V1Content = NonNullable<Static<typeof ContentBody>>;

/** `POST /content`: what the create use case reads of v1's `Content`; a JSON `null` is a field not sent. */
export function v1ContentCreateOf(body: V1Content): CreateContentInput {
  return {
    type: body.type,
    title: body.title,
    spaceKey: body.space?.key,
    parentId: parentIdOf(body.ancestors),
    containerId:
      body.container === undefined
        ? undefined
        : parseContentId(String(body.container?.id ?? ''), 'container.id'),
    body: body.body ?? undefined,
    status: body.status ?? undefined,
    commentLocation: body.extensions?.location,
  };
}

/** `PUT /content/{id}`: the new version v1's `Content` describes; `status` may come in the query instead. */
export function v1ContentUpdateOf(
  body: V1Content,
  queryStatus: string | string[] | undefined,
): Omit<UpdateContentInput, 'attachment'> {
  return {
    versionNumber: body.version?.number,
    title: body.title,
    body: body.body ?? undefined,
    // A repeated `status` stays one value the use case refuses, as it refuses any status but two.
    status: body.status ?? (Array.isArray(queryStatus) ? queryStatus.join(',') : queryStatus),
    parentId: parentIdOf(body.ancestors),
    message: body.version?.message ?? undefined,
    minorEdit: body.version?.minorEdit ?? undefined,
  };
}

/** `PUT|POST /content/blueprint/instance/{draftId}`: the page v1's `Content` publishes the draft as. */
export function v1PublishDraftOf(body: V1Content): PublishDraftInput {
  return {
    type: body.type,
    title: body.title,
    versionNumber: body.version?.number,
    status: body.status ?? undefined,
    spaceKey: body.space?.key,
    body: body.body ?? undefined,
    parentId: parentIdOf(body.ancestors),
  };
}
