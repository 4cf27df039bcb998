import type { Content, ContentVersion } from '../../../domain/content.ts';
import { niceFileSize } from '../../../domain/file-size-nice.ts';
import type { Slice, Window } from '../../../domain/paging.ts';
import type { User } from '../../../domain/user.ts';

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
};

/** One entry of `versions`, keys in the vendor's order (seed 000); `creatorName` is the DC username. */
function presentVersion(version: ContentVersion, users: ReadonlyMap<number, User>) {
  const sizeBytes = version.file?.sizeBytes ?? 0;
  return {
    fileSize: sizeBytes,
    // A deleted or anonymous author has no username; Confluence's Java answer would carry null.
    creatorName: version.authorId === null ? null : (users.get(version.authorId)?.username ?? null),
    comment: version.message,
    creationDate: version.createdAtMs,
    version: version.number,
    fileSizeNice: niceFileSize(sizeBytes),
  };
}

/** `GET /rest/extender/1.0/content/attachment/{id}/versions` exactly as the vendor documents it (seed 000). */
export function presentExtenderVersions(
  attachment: Content,
  versions: Slice<ContentVersion>,
  window: Window,
  users: ReadonlyMap<number, User>,
) {
  return {
    total: versions.total,
    versions: versions.items.map((version) => presentVersion(version, users)),
    fileExtension: extensionOf(attachment.title),
    maxResults: window.limit,
    name: attachment.title,
    id: attachment.id,
    startAt: window.start,
  };
}

/** The plugin's answer to a successful delete. */
export const extenderSuccess = (message: string) => ({ message, status: 'success' });
