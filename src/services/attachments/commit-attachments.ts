import { randomUUID } from 'node:crypto';
import type { Content } from '../../domain/content.ts';
import { contentNotFound, duplicateFilename } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ContentRelations } from '../content/load-relations.ts';
import type { ServiceDeps } from '../deps.ts';
import type { StagedFile } from './stage-upload.ts';

export interface StagedAttachment {
  file: StagedFile;
  comment: string;
  minorEdit: boolean;
  /** A fixture's stated id for a new attachment (services/fixtures); uploads over HTTP never set it. */
  id?: number;
}

/** `create`: a name already on the container is an error (POST). `createOrVersion`: it gets a new version (PUT). */
export type UploadMode = 'create' | 'createOrVersion';

/** The file of a new version: its bytes were staged and stay pinned until the commit is over. */
export async function versionFileOf(deps: ServiceDeps, repositories: MetadataRepositories, file: StagedFile) {
  await repositories.blobs.record(file.sha256, file.sizeBytes, deps.clock.nowMs());
  return { sha256: file.sha256, sizeBytes: file.sizeBytes, mediaType: file.mediaType, fileId: randomUUID() };
}

/**
 * Commits staged files as attachments of `container` in one transaction: all of them land, or none.
 * Transactions run one at a time, so two uploads of the same new name cannot both create it, and
 * concurrent new versions get consecutive numbers. `related`, when given, receives what the commit read
 * (the container as committed, its space, the author), so presenting the answer reads none of it again.
 */
export async function commitAttachments(
  deps: ServiceDeps,
  principal: Principal,
  container: Content,
  staged: readonly StagedAttachment[],
  mode: UploadMode,
  related?: ContentRelations,
): Promise<Content[]> {
  const authorId = principal.kind === 'user' ? principal.user.id : null;
  return deps.store.transaction(async (repositories) => {
    // The bytes took a while to arrive: the page may have been trashed or purged meanwhile.
    const live = await repositories.content.findById(container.id);
    if (!live || (live.status !== 'current' && live.status !== 'draft')) {
      throw contentNotFound(container.id);
    }
    // Read once for every file's audit record (and the answer's links), not once per record.
    const space = live.spaceId === null ? null : await repositories.spaces.findById(live.spaceId);
    if (related) {
      related.containers.set(live.id, live);
      if (space) related.spaces.set(space.id, space);
      if (principal.kind === 'user') related.users.set(principal.user.id, principal.user);
    }
    const results: Content[] = [];
    for (const { file, comment, minorEdit, id } of staged) {
      const existing = await repositories.content.currentAttachmentNamed(container.id, file.filename);
      if (existing && mode === 'create') throw duplicateFilename(file.filename);
      const version = {
        title: file.filename,
        authorId,
        createdAtMs: deps.clock.nowMs(),
        message: comment,
        minorEdit,
        body: null,
        file: await versionFileOf(deps, repositories, file),
      };
      const attachment = existing
        ? await repositories.content.appendVersion(existing.id, version)
        : await repositories.content.insert(
            {
              type: 'attachment',
              status: 'current',
              spaceId: container.spaceId,
              parentId: null,
              containerId: container.id,
              commentLocation: null,
              creatorId: authorId,
              ...(id !== undefined && { id }),
            },
            version,
          );
      await recordAudit(repositories, deps.clock, principal, {
        category: 'Attachments',
        summary: existing ? 'Attachment version added' : 'Attachment created',
        content: attachment,
        webhookEvent: existing ? 'attachment_updated' : 'attachment_created',
        container: live,
        space,
        changes: [
          { name: 'Version', before: existing?.version.number, after: attachment.version.number },
          { name: 'Size (bytes)', before: existing?.version.file?.sizeBytes, after: file.sizeBytes },
          {
            name: 'Media type',
            before: existing?.version.file?.mediaType,
            after: attachment.version.file?.mediaType,
          },
        ],
        details: { sha256: file.sha256 },
      });
      results.push(attachment);
    }
    return results;
  });
}
