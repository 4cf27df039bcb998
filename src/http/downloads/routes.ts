import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findAttachmentByName, requireThumbnail } from '../../services/attachments/find-attachment.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { parseContentId } from '../common/content-ids.ts';
import { sendAttachment } from '../common/send-attachment.ts';
import { optionalWholeNumber } from '../v1/content-input.ts';

type DownloadParams = {
  Params: { containerId: string; filename: string };
  Querystring: { version?: string; modificationDate?: string };
};

/** A `modificationDate` that is no time (a client's own cache buster) is ignored like the others. */
function timeOf(modificationDate: string | undefined): number | undefined {
  const ms = Number(modificationDate);
  return modificationDate && Number.isSafeInteger(ms) ? ms : undefined;
}

/**
 * The download servlet, `/download/attachments/{containerId}/{filename}?version=N`, and its thumbnails
 * beside it (images only, served at full size). `cacheVersion` and `api` are cache busters and ignored
 * (api-reference.md §0.6); `modificationDate`, which our links set to when the version was made, tells
 * apart the files that bore a name at that version number.
 */
export function downloadRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    const find = (request: FastifyRequest<DownloadParams>) =>
      findAttachmentByName(
        deps,
        request.principal,
        parseContentId(request.params.containerId, 'containerId'),
        request.params.filename,
        optionalWholeNumber(request.query.version, 'version'),
        timeOf(request.query.modificationDate),
      );
    app.get<DownloadParams>('/download/attachments/:containerId/:filename', async (request, reply) =>
      sendAttachment(deps, request, reply, await find(request)),
    );
    app.get<DownloadParams>('/download/thumbnails/:containerId/:filename', async (request, reply) =>
      sendAttachment(deps, request, reply, requireThumbnail(await find(request))),
    );
  };
}
