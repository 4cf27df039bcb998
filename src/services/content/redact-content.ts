import { randomUUID } from 'node:crypto';
import type { Content } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import {
  type AppliedRedaction,
  type RedactionRequest,
  redactStorage,
  redactTitle,
} from '../../domain/storage-redaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { deleteVersion } from './delete-version.ts';
import { type ContentTarget, requireContentOfType } from './require-content-of-type.ts';
import { updateContent } from './update-content.ts';

export interface RedactContentInput {
  /** When the caller read the version it redacts: it must still be the current version's time. */
  createdAtMs: number;
  /** The version redacted; only the current one can be, since stored versions are not rewritten. */
  versionNumber: number | undefined;
  /** Also remove the older versions that still hold the redacted text (a space administrator's right). */
  cleanHistory: boolean;
  body: readonly RedactionRequest[];
  title: readonly RedactionRequest[];
}

export interface ContentRedactions {
  content: Content;
  body: AppliedRedaction[];
  title: AppliedRedaction[];
}

/**
 * v2 `POST /pages/{id}/redact` and the blog post one: the named ranges of the storage body and title
 * are replaced by redaction marks (domain/storage-redaction.ts) in a new version, as an edit by the
 * caller. A page changed since the caller read it (`createdAt`) is refused, as the spec says.
 */
export async function redactContent(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  input: RedactContentInput,
): Promise<ContentRedactions> {
  requireWriter(principal);
  const content = await requireContentOfType(deps, principal, target, ['current']);
  await requireRight(deps, principal, content, 'update');
  if (input.cleanHistory) await requireRight(deps, principal, content, 'purge');
  const { version } = content;
  if (input.versionNumber !== undefined && input.versionNumber !== version.number) {
    throw badRequest(
      `Only the current version (${version.number}) can be redacted; cleanHistory removes older versions holding the text`,
      { field: 'versionNumber' },
    );
  }
  if (input.createdAtMs !== version.createdAtMs) {
    throw badRequest(
      `createdAt is out of date: version ${version.number} was made at ${new Date(version.createdAtMs).toISOString()}`,
      { field: 'createdAt' },
    );
  }
  if (input.body.length === 0 && input.title.length === 0) {
    throw badRequest('Nothing to redact: give body.redactions or title.redactions', { field: 'body' });
  }
  const body = version.body ?? { representation: 'storage', value: '' };
  if (input.body.length > 0 && body.representation !== 'storage') {
    throw badRequest(`Only storage bodies can be redacted here, not ${body.representation}`, {
      field: 'body',
    });
  }
  const redactedBody = redactStorage(body.value, input.body, randomUUID);
  const redactedTitle = redactTitle(content.title, input.title, randomUUID);

  const updated = await updateContent(deps, principal, content.id, {
    types: target.types,
    versionNumber: version.number + 1,
    title: redactedTitle.value,
    body: input.body.length > 0 ? { representation: 'storage', value: redactedBody.value } : undefined,
    message: 'Redacted',
  });
  if (input.cleanHistory) {
    await removeVersionsHolding(deps, principal, updated, [
      ...redactedBody.removed,
      ...redactedTitle.removed,
    ]);
  }
  return { content: updated, body: redactedBody.applied, title: redactedTitle.applied };
}

/** The spec's `cleanHistory`: older versions whose body or title still hold a redacted text go. */
async function removeVersionsHolding(
  deps: ServiceDeps,
  principal: Principal,
  content: Content,
  removed: readonly string[],
): Promise<void> {
  const holding: number[] = [];
  for (let number = 1; number < content.version.number; number += 1) {
    const old = await deps.store.content.findVersion(content.id, number);
    const text = `${old?.title ?? ''}\n${old?.body?.value ?? ''}`;
    if (old && removed.some((snippet) => text.includes(snippet))) holding.push(number);
  }
  for (const number of holding) await deleteVersion(deps, principal, content.id, number);
}
