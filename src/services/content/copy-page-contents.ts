import { randomUUID } from 'node:crypto';
import type { Content, ContentBody } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';

/** What a copy takes along besides the body (CopyPageRequest and CopyPageHierarchyRequest options). */
export interface CopyOptions {
  copyAttachments: boolean;
  copyLabels: boolean;
  copyProperties: boolean;
  copyPermissions: boolean;
}

/** The options as a request asks for them: each one not asked for is off. */
export type AskedCopyOptions = { readonly [Option in keyof CopyOptions]?: boolean | undefined };

export function copyOptionsOf(asked: AskedCopyOptions): CopyOptions {
  return {
    copyAttachments: asked.copyAttachments === true,
    copyLabels: asked.copyLabels === true,
    copyProperties: asked.copyProperties === true,
    copyPermissions: asked.copyPermissions === true,
  };
}

/** Where the copy goes: a new page there, or a new version of an existing page. */
export type CopyPlacement =
  | { kind: 'new'; spaceId: number; parentId: number | null }
  | { kind: 'existing'; page: Content };

/**
 * Copies one page in the caller's transaction: its body as a new page (or a new version of an existing
 * one), then what the options ask for. Attachments share the source's blobs by hash, so no bytes are
 * copied; a name the destination already has is left alone. Titles were checked by the caller.
 */
export async function copyPageContents(
  deps: ServiceDeps,
  repositories: MetadataRepositories,
  principal: Principal,
  copy: {
    source: Content;
    placement: CopyPlacement;
    title: string;
    body: ContentBody | null;
    options: CopyOptions;
  },
): Promise<Content> {
  const { source, placement, options } = copy;
  const authorId = principal.kind === 'user' ? principal.user.id : null;
  const nowMs = deps.clock.nowMs();
  const version = {
    title: copy.title,
    authorId,
    createdAtMs: nowMs,
    message: '',
    minorEdit: false,
    body: copy.body ?? source.version.body,
    file: null,
  };
  const page =
    placement.kind === 'new'
      ? await repositories.content.insert(
          {
            type: 'page',
            status: 'current',
            spaceId: placement.spaceId,
            parentId: placement.parentId,
            containerId: null,
            commentLocation: null,
            creatorId: authorId,
          },
          version,
        )
      : await repositories.content.appendVersion(placement.page.id, version);
  const everything = { start: 0, limit: Number.MAX_SAFE_INTEGER };
  if (options.copyAttachments) {
    const attachments = await repositories.content.list(
      { types: ['attachment'], containerId: source.id, statuses: ['current'] },
      everything,
    );
    for (const attachment of attachments.items) {
      const file = attachment.version.file;
      if (!file || (await repositories.content.currentAttachmentNamed(page.id, attachment.title))) continue;
      await repositories.content.insert(
        {
          type: 'attachment',
          status: 'current',
          spaceId: page.spaceId,
          parentId: null,
          containerId: page.id,
          commentLocation: null,
          creatorId: authorId,
        },
        {
          ...version,
          title: attachment.title,
          message: attachment.version.message,
          body: null,
          // The same bytes under a new media file id, as every attachment version has its own.
          file: { ...file, fileId: randomUUID() },
        },
      );
    }
  }
  if (options.copyLabels) {
    const labels = await repositories.labels.listOnContent(source.id, {}, everything);
    for (const label of labels.items) await repositories.labels.attach(page.id, label.id, authorId, nowMs);
  }
  if (options.copyProperties) {
    const properties = await repositories.properties.list({ contentId: source.id }, {}, everything);
    for (const property of properties.items) {
      if (await repositories.properties.find({ contentId: page.id }, property.key)) continue;
      await repositories.properties.insert(
        { contentId: page.id },
        { key: property.key, value: property.value, authorId, updatedAtMs: nowMs },
      );
    }
  }
  if (options.copyPermissions) {
    const restrictions = await repositories.permissions.restrictionsOf(source.id);
    for (const operation of ['read', 'update'] as const) {
      const subjects = restrictions.filter((restriction) => restriction.operation === operation);
      if (subjects.length === 0) continue;
      await repositories.permissions.replaceRestrictions(
        page.id,
        operation,
        subjects.map((restriction) => restriction.subject),
      );
    }
  }
  await recordAudit(repositories, deps.clock, principal, {
    category: 'Content',
    summary: 'Page copied',
    content: page,
    changes: [{ name: 'Source page', before: '', after: source.id }],
  });
  return page;
}
