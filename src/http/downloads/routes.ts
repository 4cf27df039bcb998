import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { findAttachmentByName, requireThumbnail } from '../../services/attachments/find-attachment.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { parseContentId } from '../common/content-ids.ts';
import { typed } from '../common/schemas.ts';
import { sendAttachment } from '../common/send-attachment.ts';
import { optionalWholeNumber } from '../v1/content-input.ts';
import { DownloadParams, DownloadQuery } from './schemas/download.ts';

type DownloadInput = {
  principal: FastifyRequest['principal'];
  params: Static<typeof DownloadParams>;
  query: Static<typeof DownloadQuery>;
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
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const find = (request: DownloadInput) =>
      findAttachmentByName(
        deps,
        request.principal,
        parseContentId(request.params.containerId, 'containerId'),
        request.params.filename,
        optionalWholeNumber(request.query.version, 'version'),
        timeOf(request.query.modificationDate),
      );
    const download = { schema: { params: DownloadParams, querystring: DownloadQuery } };
    app.get('/download/attachments/:containerId/:filename', download, async (request, reply) =>
      sendAttachment(deps, request, reply, await find(request), {
        preview: request.query.preview === 'true',
      }),
    );
    app.get('/download/thumbnails/:containerId/:filename', download, async (request, reply) =>
      sendAttachment(deps, request, reply, requireThumbnail(await find(request))),
    );
  };
}
