import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import {
  type ArchiveManifest,
  type ArchiveSpace,
  archiveBlobName,
  archiveFormat,
  archiveFormatVersion,
  archiveManifestName,
  type JobScope,
  type JobStatistics,
  noStatistics,
} from '../../domain/backup-job.ts';
import { badRequest, conflict } from '../../domain/errors.ts';
import { isLabelPrefix } from '../../domain/label.ts';
import type { Principal } from '../../domain/principal.ts';
import { checkSpaceKey } from '../../domain/space-rules.ts';
import type { ArchiveReader } from '../../ports/backup-store.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { grantNewSpacePermissions } from '../spaces/create-space.ts';

/** The manifest of an archive this server wrote; anything else is refused before a thing changes. */
export async function readArchiveManifest(reader: ArchiveReader, scope: JobScope): Promise<ArchiveManifest> {
  if (!reader.has(archiveManifestName)) throw badRequest('The file is not a Tributary backup (no manifest)');
  let manifest: Partial<ArchiveManifest>;
  try {
    manifest = JSON.parse(await text(await reader.read(archiveManifestName))) as Partial<ArchiveManifest>;
  } catch {
    throw badRequest('The backup manifest is not valid JSON');
  }
  if (manifest.format !== archiveFormat || !Array.isArray(manifest.spaces)) {
    throw badRequest(`The file is not a ${archiveFormat}`);
  }
  if (typeof manifest.formatVersion !== 'number' || manifest.formatVersion > archiveFormatVersion) {
    throw badRequest(
      `The backup has format version ${String(manifest.formatVersion)}; this server reads up to ${archiveFormatVersion}`,
    );
  }
  if (manifest.scope !== scope) {
    throw badRequest(
      `The file is a ${String(manifest.scope).toLowerCase()} backup, not a ${scope.toLowerCase()} one`,
    );
  }
  return manifest as ArchiveManifest;
}

export interface RestoreProgress {
  /** Throws once the job is cancelled, between spaces and between files. */
  checkpoint(): Promise<void>;
}

/**
 * Restores each space of the archive into this site, which must not have a space with its key: the
 * space (with the default permissions of a new space), its pages and blog posts with every version and
 * their parents, labels, and attachments with every version's bytes. Bytes are stored (and pinned) first;
 * each space then lands in one transaction, or not at all.
 */
export async function restoreArchive(
  deps: ServiceDeps,
  principal: Principal,
  reader: ArchiveReader,
  manifest: ArchiveManifest,
  progress: RestoreProgress,
): Promise<JobStatistics> {
  for (const space of manifest.spaces) {
    const key = checkSpaceKey(space.key);
    if (await deps.store.spaces.findByKey(key)) {
      throw conflict(`A space already exists with key ${key}; restore into a site without it`);
    }
  }
  const statistics: JobStatistics = { ...noStatistics };
  for (const space of manifest.spaces) {
    statistics.totalObjectsCount += 1 + space.pages.length + space.attachments.length;
  }
  for (const space of manifest.spaces) {
    await progress.checkpoint();
    const pinned = await storeBytes(deps, reader, space, progress);
    try {
      // Counted on a copy: a transaction the database aborts and runs again must not count twice.
      const counted = await deps.store.transaction(async (repositories) => {
        const attempt = { ...statistics };
        await restoreSpace(deps, repositories, principal, space, attempt);
        return attempt;
      });
      Object.assign(statistics, counted);
    } finally {
      for (const sha256 of pinned) await deps.blobPins.unpin(sha256);
    }
  }
  return statistics;
}

async function storeBytes(
  deps: ServiceDeps,
  reader: ArchiveReader,
  space: ArchiveSpace,
  progress: RestoreProgress,
): Promise<string[]> {
  const pinned: string[] = [];
  try {
    const wanted = new Set(
      space.attachments.flatMap((attachment) => attachment.versions.map((v) => v.sha256)),
    );
    for (const sha256 of wanted) {
      await progress.checkpoint();
      const name = archiveBlobName(sha256);
      if (!reader.has(name)) throw badRequest(`The backup lacks the bytes of ${sha256}`);
      const stored = await deps.blobs.put(await reader.read(name), {
        beforePlacing: async (hash) => {
          await deps.blobPins.pin(hash);
          pinned.push(hash);
        },
      });
      if (stored.sha256 !== sha256)
        throw badRequest(`The bytes stored as ${sha256} in the backup are damaged`);
    }
    return pinned;
  } catch (error) {
    for (const sha256 of pinned) await deps.blobPins.unpin(sha256);
    throw error;
  }
}

async function restoreSpace(
  deps: ServiceDeps,
  repositories: MetadataRepositories,
  principal: Principal,
  archived: ArchiveSpace,
  statistics: JobStatistics,
) {
  const nowMs = deps.clock.nowMs();
  const restorerId = principal.kind === 'user' ? principal.user.id : null;
  const key = checkSpaceKey(archived.key);
  if (await repositories.spaces.findByKey(key)) throw conflict(`A space already exists with key ${key}`);
  const space = await repositories.spaces.insert({
    key,
    name: archived.name,
    description: archived.description,
    type: 'global',
    private: false,
    creatorId: restorerId,
    createdAtMs: nowMs,
  });
  await grantNewSpacePermissions(repositories, space.id, restorerId, false, nowMs);
  statistics.processedObjectsCount += 1;
  statistics.persistedObjectsCount += 1;

  const newIds = new Map<number, number>();
  const label = async (contentId: number, labels: ArchiveSpace['pages'][number]['labels']) => {
    for (const item of labels) {
      if (!isLabelPrefix(item.prefix)) continue;
      const found = await repositories.labels.ensure(item.prefix, item.name);
      await repositories.labels.attach(contentId, found.id, restorerId, nowMs);
    }
  };

  for (const page of archived.pages) {
    statistics.processedObjectsCount += 1;
    const [first, ...later] = page.versions;
    const parentId = page.parentId === null ? null : (newIds.get(page.parentId) ?? null);
    if (!first) {
      statistics.skippedObjectsCount += 1;
      continue;
    }
    const versionOf = (version: typeof first) => ({
      title: version.title,
      authorId: restorerId,
      createdAtMs: version.createdAtMs,
      message: version.message,
      minorEdit: version.minorEdit,
      body: version.body,
      file: null,
    });
    const created = await repositories.content.insert(
      {
        type: page.type,
        status: 'current',
        spaceId: space.id,
        parentId: page.type === 'page' ? parentId : null,
        containerId: null,
        commentLocation: null,
        creatorId: restorerId,
      },
      versionOf(first),
    );
    for (const version of later) await repositories.content.appendVersion(created.id, versionOf(version));
    newIds.set(page.id, created.id);
    await label(created.id, page.labels);
    statistics.persistedObjectsCount += 1;
  }

  for (const attachment of archived.attachments) {
    statistics.processedObjectsCount += 1;
    const containerId = newIds.get(attachment.containerId);
    const [first, ...later] = attachment.versions;
    if (containerId === undefined || !first) {
      statistics.skippedObjectsCount += 1;
      continue;
    }
    const versionOf = async (version: typeof first) => {
      await repositories.blobs.record(version.sha256, version.sizeBytes, nowMs);
      return {
        title: version.title,
        authorId: restorerId,
        createdAtMs: version.createdAtMs,
        message: version.message,
        minorEdit: version.minorEdit,
        body: null,
        file: {
          sha256: version.sha256,
          sizeBytes: version.sizeBytes,
          mediaType: version.mediaType,
          fileId: randomUUID(),
        },
      };
    };
    const created = await repositories.content.insert(
      {
        type: 'attachment',
        status: 'current',
        spaceId: space.id,
        parentId: null,
        containerId,
        commentLocation: null,
        creatorId: restorerId,
      },
      await versionOf(first),
    );
    for (const version of later) {
      await repositories.content.appendVersion(created.id, await versionOf(version));
    }
    await label(created.id, attachment.labels);
    statistics.persistedObjectsCount += 1;
  }

  const homepageId = archived.homepageId === null ? undefined : newIds.get(archived.homepageId);
  if (homepageId !== undefined) await repositories.spaces.update(space.id, { homepageId }, nowMs);
  await recordAudit(repositories, deps.clock, principal, {
    category: 'Spaces',
    summary: 'Space restored from backup',
    space,
    webhookEvent: 'space_created',
    changes: [
      { name: 'Name', before: '', after: space.name },
      { name: 'Pages', before: '', after: archived.pages.length },
      { name: 'Attachments', before: '', after: archived.attachments.length },
    ],
  });
}
