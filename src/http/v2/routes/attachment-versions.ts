import type { FastifyInstance } from 'fastify';
import { loadAttachmentContext } from '../../../services/attachments/attachment-context.ts';
import { getAttachmentVersion } from '../../../services/attachments/get-attachment-version.ts';
import { listVersionsByKeyset } from '../../../services/content/content-versions.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { v2VersionWindowOf } from '../content-input.ts';
import { keysetPage } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2AttachmentVersion } from '../present/attachment.ts';
import { presentV2DetailedVersion } from '../present/page.ts';
import { AttachmentVersionListQuery } from '../schemas/attachments.ts';
import { VersionParams } from '../schemas/common.ts';

/** Cloud v2 `GET /attachments/{id}/versions` and `…/versions/{version-number}`: the history v1 uploads made. */
export function v2AttachmentVersionRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const list = { schema: { params: IdParams, querystring: AttachmentVersionListQuery } };
    app.get('/attachments/:id/versions', list, async (request, reply) => {
      const window = v2VersionWindowOf(request.query);
      const { content, versions } = await listVersionsByKeyset(
        deps,
        request.principal,
        { id: parseContentId(request.params.id), types: ['attachment'] },
        window,
      );
      const context = await loadAttachmentContext(
        deps,
        [],
        versions.items.map((version) => version.authorId),
      );
      return keysetPage(request, reply, versions, window.limit, (version) =>
        presentV2AttachmentVersion(content, version, { surface: request.surface, context }),
      );
    });

    const single = { schema: { params: VersionParams } };
    app.get('/attachments/:id/versions/:versionNumber', single, async (request) => {
      const detail = await getAttachmentVersion(
        deps,
        request.principal,
        parseContentId(request.params.id, 'attachment-id'),
        v2IdOf(request.params.versionNumber, 'version-number'),
      );
      const context = await loadAttachmentContext(deps, [], [detail.version.authorId]);
      return presentV2DetailedVersion(detail, { surface: request.surface, relations: context.relations });
    });
  };
}
