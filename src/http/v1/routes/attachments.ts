import type { FastifyInstance, FastifyRequest } from 'fastify';
import { booleanFromText } from '../../../domain/boolean-text.ts';
import { parseExpansion } from '../../../domain/expansion.ts';
import { findAttachmentVersion } from '../../../services/attachments/find-attachment.ts';
import { getExtractedText } from '../../../services/attachments/get-extracted-text.ts';
import { uploadAttachments } from '../../../services/attachments/upload-attachments.ts';
import { uploadNewVersion } from '../../../services/attachments/upload-new-version.ts';
import { listChildren } from '../../../services/content/list-children.ts';
import { emptyRelations } from '../../../services/content/load-relations.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { signalWhenClientGoes } from '../../common/client-gone.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { uploadPartsOf } from '../../common/multipart.ts';
import { typed } from '../../common/schemas.ts';
import { sendAttachment } from '../../common/send-attachment.ts';
import { optionalWholeNumber, statusesOf } from '../content-input.ts';
import { windowOf } from '../paging.ts';
import { renderContent, renderContentPage, renderContentResults } from '../present/expanded-content.ts';
import {
  AttachmentListQuery,
  AttachmentParams,
  ContainerParams,
  ContentDownloadQuery,
  DownloadQuery,
  ExtractedTextQuery,
  UploadQuery,
} from '../schemas/attachments.ts';

// Data Center lists 50 attachments by default, Cloud 25 (clients.md); DC also shows the container.
const listRulesFor = (request: FastifyRequest) => ({
  defaultLimit: request.surface.cloud ? 25 : 50,
  maxLimit: 1000,
});
const defaultExpansionFor = (request: FastifyRequest) =>
  request.surface.cloud ? 'version' : 'version,container';
// Upload answers carry what clients read back: id, version, container id and the file facts; an `expand`
// asks for more (the DC spec's upload takes one).
const uploadExpansionFor = (request: { query: { expand?: string | undefined } }) =>
  parseExpansion(['version,container', request.query.expand].filter(Boolean).join(','));

export function v1AttachmentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    for (const method of ['POST', 'PUT'] as const) {
      app.route({
        method,
        url: '/content/:id/child/attachment',
        schema: { params: ContainerParams, querystring: UploadQuery },
        handler: async (request) => {
          // PUT creates or adds a version (Cloud); so does DC's POST with allowDuplicated=true.
          const versioning =
            method === 'PUT' || booleanFromText(request.query.allowDuplicated ?? '') === true;
          // The commit already read the container, its space and the author: the answer reuses them. Not
          // under an `expand`, which may ask for more about the container than the commit read.
          const known = request.query.expand ? undefined : emptyRelations();
          const attachments = await uploadAttachments(
            deps,
            request.principal,
            parseContentId(request.params.id),
            uploadPartsOf(request),
            versioning ? 'createOrVersion' : 'create',
            signalWhenClientGoes(request),
            known,
          );
          return renderContentResults(deps, request, attachments, uploadExpansionFor(request), known);
        },
      });
    }

    app.post(
      '/content/:id/child/attachment/:attachmentId/data',
      { schema: { params: AttachmentParams, querystring: UploadQuery } },
      async (request) => {
        const attachment = await uploadNewVersion(
          deps,
          request.principal,
          parseContentId(request.params.id),
          parseContentId(request.params.attachmentId, 'attachmentId'),
          uploadPartsOf(request),
          signalWhenClientGoes(request),
        );
        return renderContent(deps, request, attachment, uploadExpansionFor(request));
      },
    );

    app.get(
      '/content/:id/child/attachment',
      { schema: { params: ContainerParams, querystring: AttachmentListQuery } },
      async (request) => {
        const window = windowOf(request.query, listRulesFor(request));
        const { filename, mediaType } = request.query;
        const slice = await listChildren(
          deps,
          request.principal,
          parseContentId(request.params.id),
          'attachment',
          window,
          {
            ...(filename && { title: filename.normalize('NFC') }),
            ...(mediaType && { mediaType }),
          },
        );
        const tree = parseExpansion(request.query.expand ?? defaultExpansionFor(request));
        return renderContentPage(deps, request, slice, window, tree);
      },
    );

    app.get(
      '/content/:id/child/attachment/:attachmentId/download',
      { schema: { params: AttachmentParams, querystring: DownloadQuery } },
      async (request, reply) => {
        const statuses = statusesOf(request.query.status, ['current']);
        const found = await findAttachmentVersion(
          deps,
          request.principal,
          parseContentId(request.params.attachmentId, 'attachmentId'),
          {
            containerId: parseContentId(request.params.id),
            versionNumber: optionalWholeNumber(request.query.version, 'version'),
            statuses: statuses === 'any' ? ['current', 'trashed'] : statuses,
            // The v1 spec: 400 for a version past the latest or an invalid value.
            missingVersion: 'invalid_request',
          },
        );
        return sendAttachment(deps, request, reply, found);
      },
    );

    app.get(
      '/content/:id/child/attachment/:attachmentId/extractedtext',
      { schema: { params: AttachmentParams, querystring: ExtractedTextQuery } },
      async (request, reply) => {
        const extractedText = await getExtractedText(
          deps,
          request.principal,
          parseContentId(request.params.id),
          parseContentId(request.params.attachmentId, 'attachmentId'),
          optionalWholeNumber(request.query.limit, 'limit'),
        );
        if (extractedText === undefined) return reply.status(204).send();
        return { extractedText };
      },
    );

    app.get(
      '/content/:id/download',
      { schema: { params: ContainerParams, querystring: ContentDownloadQuery } },
      async (request, reply) => {
        const found = await findAttachmentVersion(
          deps,
          request.principal,
          parseContentId(request.params.id),
          {
            versionNumber: optionalWholeNumber(request.query.version, 'version'),
          },
        );
        return sendAttachment(deps, request, reply, found);
      },
    );
  };
}
