import type { FastifyInstance } from 'fastify';
import { findAttachmentByName } from '../../services/attachments/find-attachment.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { parseContentId } from '../common/content-ids.ts';
import { sendAttachment } from '../common/send-attachment.ts';
import { optionalWholeNumber } from '../v1/content-input.ts';

type DownloadParams = {
  Params: { containerId: string; filename: string };
  Querystring: { version?: string };
};

/**
 * The download servlet, `/download/attachments/{containerId}/{filename}?version=N`. `modificationDate`,
 * `cacheVersion` and `api` are cache busters and ignored (api-reference.md §0.6).
 */
export function downloadRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.get<DownloadParams>('/download/attachments/:containerId/:filename', async (request, reply) => {
      const found = await findAttachmentByName(
        deps,
        request.principal,
        parseContentId(request.params.containerId, 'containerId'),
        request.params.filename,
        optionalWholeNumber(request.query.version, 'version'),
      );
      return sendAttachment(deps, request, reply, found);
    });
  };
}
