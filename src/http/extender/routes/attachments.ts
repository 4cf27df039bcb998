import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { deleteAttachmentVersion } from '../../../services/attachments/delete-attachment-version.ts';
import { listAttachmentVersions } from '../../../services/attachments/list-attachment-versions.ts';
import { purgeAttachment } from '../../../services/attachments/purge-attachment.ts';
import { emptyRelations, loadUsers } from '../../../services/content/load-relations.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { defaultPageSize } from '../../common/page-size-cap.ts';
import { extenderSuccess, presentExtenderVersions } from '../present/attachment-versions.ts';

// The plugin pages by `startAt`/`maxResults`, 100 by default (seed 000); the cap is ours.
const defaultMaxResults = 100;
const maxMaxResults = 1000;

function wholeNumber(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw badRequest(`${name} must be a whole number, not '${raw}'`);
  return Number(raw);
}

import { IdParams, typed } from '../../common/schemas.ts';
import { AttachmentVersionParams, VersionPageQuery } from '../schemas/attachments.ts';

/**
 * The Extender plugin's attachment endpoints (api-reference.md §6), mounted at `/rest/extender/1.0`.
 * Errors use the v1 envelope, whose `message` carries the plugin's wording.
 */
export function extenderAttachmentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const versions = { schema: { params: IdParams, querystring: VersionPageQuery } };
    app.get('/content/attachment/:id/versions', versions, async (request) => {
      const asked = wholeNumber(request.query.maxResults, 'maxResults') ?? defaultPageSize(defaultMaxResults);
      const window = {
        start: wholeNumber(request.query.startAt, 'startAt') ?? 0,
        limit: Math.min(Math.max(asked, 1), maxMaxResults),
      };
      const { attachment, versions } = await listAttachmentVersions(
        deps,
        request.principal,
        parseContentId(request.params.id),
        window,
      );
      const { users } = await loadUsers(
        deps,
        versions.items.map((version) => version.authorId),
        emptyRelations(),
      );
      return presentExtenderVersions(attachment, versions, window, users);
    });

    app.delete('/content/attachment/:id/delete', { schema: { params: IdParams } }, async (request) => {
      const attachment = await purgeAttachment(deps, request.principal, parseContentId(request.params.id));
      return extenderSuccess(`Attachment '${attachment.title}' deleted.`);
    });

    const version = { schema: { params: AttachmentVersionParams } };
    app.delete('/content/attachment/:id/delete/:version', version, async (request) => {
      const versionNumber = wholeNumber(request.params.version, 'version');
      if (versionNumber === undefined) throw badRequest('version is required', { field: 'version' });
      const attachment = await deleteAttachmentVersion(deps, request.principal, {
        attachmentId: parseContentId(request.params.id),
        versionNumber,
      });
      return extenderSuccess(`Version ${versionNumber} of attachment '${attachment.title}' deleted.`);
    });
  };
}
