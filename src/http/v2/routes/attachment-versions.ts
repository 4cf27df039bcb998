import type { FastifyInstance } from 'fastify';
import { loadAttachmentContext } from '../../../services/attachments/attachment-context.ts';
import { getAttachmentVersion } from '../../../services/attachments/get-attachment-version.ts';
import { listVersionsByKeyset } from '../../../services/content/content-versions.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { type V2Query, v2VersionWindowOf } from '../content-input.ts';
import { keysetPage } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2AttachmentVersion } from '../present/attachment.ts';
import { presentV2DetailedVersion } from '../present/page.ts';

type IdParams = { Params: { id: string } };
type VersionParams = { Params: { id: string; versionNumber: string } };

/** Cloud v2 `GET /attachments/{id}/versions` and `…/versions/{version-number}`: the history v1 uploads made. */
export function v2AttachmentVersionRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.get<IdParams & { Querystring: V2Query }>('/attachments/:id/versions', async (request, reply) => {
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

    app.get<VersionParams>('/attachments/:id/versions/:versionNumber', async (request) => {
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
