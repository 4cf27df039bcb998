import {
  type ArchiveAttachment,
  type ArchiveLabel,
  type ArchiveManifest,
  type ArchivePage,
  type ArchiveSpace,
  archiveBlobName,
  archiveFormat,
  archiveFormatVersion,
  archiveManifestName,
  type JobScope,
} from '../../domain/backup-job.ts';
import type { Content, ContentVersion, Space } from '../../domain/content.ts';
import type { ArchiveEntry } from '../../ports/backup-store.ts';
import type { ServiceDeps } from '../deps.ts';

const batch = 200;

async function* allOf<T>(read: (start: number) => Promise<{ items: T[]; total: number }>): AsyncIterable<T> {
  for (let start = 0; ; start += batch) {
    const slice = await read(start);
    yield* slice.items;
    if (slice.items.length < batch || start + batch >= slice.total) return;
  }
}

async function versionsOf(deps: ServiceDeps, id: number): Promise<ContentVersion[]> {
  const versions: ContentVersion[] = [];
  for await (const version of allOf((start) =>
    deps.store.content.listVersions(id, { start, limit: batch }),
  )) {
    versions.push(version);
  }
  return versions.sort((a, b) => a.number - b.number);
}

async function labelsOf(deps: ServiceDeps, id: number): Promise<ArchiveLabel[]> {
  const labels: ArchiveLabel[] = [];
  for await (const label of allOf((start) =>
    deps.store.labels.listOnContent(id, {}, { start, limit: batch }),
  )) {
    labels.push({ prefix: label.prefix, name: label.name });
  }
  return labels;
}

const pageOf = async (deps: ServiceDeps, content: Content): Promise<ArchivePage> => ({
  id: content.id,
  type: content.type === 'blogpost' ? 'blogpost' : 'page',
  parentId: content.parentId,
  position: content.position,
  createdAtMs: content.createdAtMs,
  labels: await labelsOf(deps, content.id),
  versions: (await versionsOf(deps, content.id)).map((version) => ({
    number: version.number,
    title: version.title,
    createdAtMs: version.createdAtMs,
    message: version.message,
    minorEdit: version.minorEdit,
    body: version.body,
  })),
});

async function attachmentOf(deps: ServiceDeps, content: Content): Promise<ArchiveAttachment> {
  const versions = await versionsOf(deps, content.id);
  return {
    id: content.id,
    containerId: content.containerId ?? 0,
    createdAtMs: content.createdAtMs,
    labels: await labelsOf(deps, content.id),
    versions: versions.flatMap((version) =>
      version.file
        ? [
            {
              number: version.number,
              title: version.title,
              createdAtMs: version.createdAtMs,
              message: version.message,
              minorEdit: version.minorEdit,
              mediaType: version.file.mediaType,
              sizeBytes: version.file.sizeBytes,
              sha256: version.file.sha256,
            },
          ]
        : [],
    ),
  };
}

/** The current pages and blog posts of a space (parents first), their labels, history and attachments. */
export async function archiveSpace(deps: ServiceDeps, space: Space): Promise<ArchiveSpace> {
  const pages: ArchivePage[] = [];
  for await (const content of allOf((start) =>
    deps.store.content.list(
      { spaceIds: [space.id], types: ['page', 'blogpost'], statuses: ['current'] },
      { start, limit: batch },
    ),
  )) {
    pages.push(await pageOf(deps, content));
  }
  const known = new Set(pages.map((page) => page.id));
  // A page whose parent is not current (trashed, a draft) goes to the top of the tree.
  for (const page of pages) if (page.parentId !== null && !known.has(page.parentId)) page.parentId = null;
  const attachments: ArchiveAttachment[] = [];
  for (const page of pages) {
    for await (const content of allOf((start) =>
      deps.store.content.list(
        { containerId: page.id, types: ['attachment'], statuses: ['current'] },
        { start, limit: batch },
      ),
    )) {
      attachments.push(await attachmentOf(deps, content));
    }
  }
  return {
    key: space.key,
    name: space.name,
    description: space.description,
    homepageId: space.homepageId !== null && known.has(space.homepageId) ? space.homepageId : null,
    pages: parentsFirst(pages),
    attachments,
  };
}

function parentsFirst(pages: ArchivePage[]): ArchivePage[] {
  const children = new Map<number | null, ArchivePage[]>();
  for (const page of pages) children.set(page.parentId, [...(children.get(page.parentId) ?? []), page]);
  const ordered: ArchivePage[] = [...(children.get(null) ?? [])];
  for (let at = 0; at < ordered.length; at += 1) {
    const page = ordered[at];
    if (page) ordered.push(...(children.get(page.id) ?? []));
  }
  return ordered;
}

/** The archive's entries: the manifest, then each attachment version's bytes once per hash. */
export async function* archiveEntries(
  deps: ServiceDeps,
  scope: JobScope,
  spaces: ArchiveSpace[],
): AsyncIterable<ArchiveEntry> {
  const manifest: ArchiveManifest = {
    format: archiveFormat,
    formatVersion: archiveFormatVersion,
    scope,
    createdAtMs: deps.clock.nowMs(),
    spaces,
  };
  yield {
    name: archiveManifestName,
    bytes: async () => Buffer.from(JSON.stringify(manifest)),
  };
  const written = new Set<string>();
  for (const space of spaces) {
    for (const attachment of space.attachments) {
      for (const version of attachment.versions) {
        if (written.has(version.sha256)) continue;
        written.add(version.sha256);
        yield {
          name: archiveBlobName(version.sha256),
          bytes: () => deps.blobs.read(version.sha256),
        };
      }
    }
  }
}
