import type { Principal } from '../../domain/principal.ts';
import { type VersionDetail, versionDetailOf } from '../content/content-versions.ts';
import type { ServiceDeps } from '../deps.ts';
import { readableAttachmentStatuses } from './get-attachment.ts';
import { requireAttachment } from './require-attachment.ts';

/** v2 `GET /attachments/{id}/versions/{n}`, with the numbers of the versions beside it. */
export async function getAttachmentVersion(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  versionNumber: number,
): Promise<VersionDetail> {
  const attachment = await requireAttachment(deps, principal, id, readableAttachmentStatuses);
  return versionDetailOf(deps, attachment, versionNumber);
}
