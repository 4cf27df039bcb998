import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { parseExpansion } from '../../../domain/expansion.ts';
import { deleteAttachmentVersion } from '../../../services/attachments/delete-attachment-version.ts';
import { trashAttachment } from '../../../services/attachments/trash-attachment.ts';
import { updateAttachment } from '../../../services/attachments/update-attachment.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { acceptFormBodies, singleField } from '../../common/form-body.ts';
import { typed } from '../../common/schemas.ts';
import { attachmentChangesOf } from '../content-input.ts';
import { renderContent } from '../present/expanded-content.ts';
import {
  AttachmentParams,
  AttachmentUpdateBody,
  AttachmentVersionParams,
  MoveQuery,
} from '../schemas/attachment-changes.ts';

// What the update answers with: the attachment as an upload shows it (version, container, file facts).
const answerExpansion = 'version,container';

const versionNumberOf = (raw: string) => {
  if (!/^\d{1,9}$/.test(raw)) throw badRequest(`version must be a whole number, not '${raw}'`);
  return Number(raw);
};

/** The body names the attachment it updates; a different id, type or status is a mistake, not a wish. */
function checkBodyNames(
  body: { id?: string | number; type?: string; status?: string },
  attachmentId: number,
): void {
  if (body.id !== undefined && parseContentId(String(body.id), 'id') !== attachmentId) {
    throw badRequest(`The body's id ${String(body.id)} is not attachment ${attachmentId}`, { field: 'id' });
  }
  if (body.type !== undefined && body.type !== 'attachment') {
    throw badRequest('type must be attachment', { field: 'type' });
  }
  // Trashing and restoring have their own endpoints (DELETE, PUT /content/{id}).
  if (body.status !== undefined && body.status !== 'current') {
    throw badRequest('status must be current', { field: 'status' });
  }
}

/**
 * Changes to one attachment through its container (api-reference.md §1.5, §1.6): metadata update and move,
 * and DC's delete and version delete.
 */
export function v1AttachmentChangeRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    // DC's move is a form-like POST (spec: XSRF-protected); its fields travel in the query.
    acceptFormBodies(untyped);
    const app = typed(untyped);

    app.put(
      '/content/:id/child/attachment/:attachmentId',
      { schema: { params: AttachmentParams, body: AttachmentUpdateBody } },
      async (request) => {
        const attachmentId = parseContentId(request.params.attachmentId, 'attachmentId');
        const body = request.body ?? {};
        checkBodyNames(body, attachmentId);
        const attachment = await updateAttachment(
          deps,
          request.principal,
          parseContentId(request.params.id),
          attachmentId,
          {
            version: { number: body.version?.number },
            title: body.title,
            ...attachmentChangesOf(body),
          },
        );
        const rendered = await renderContent(deps, request, attachment, parseExpansion(answerExpansion));
        return rendered;
      },
    );

    app.post(
      '/content/:id/child/attachment/:attachmentId/move',
      { schema: { params: AttachmentParams, querystring: MoveQuery } },
      async (request, reply) => {
        const newContentId = singleField(request.query.newContentId);
        const newName = singleField(request.query.newName);
        if (!newContentId && !newName) {
          throw badRequest('Name the new container (newContentId), the new name (newName), or both');
        }
        await updateAttachment(
          deps,
          request.principal,
          parseContentId(request.params.id),
          parseContentId(request.params.attachmentId, 'attachmentId'),
          {
            version: 'next',
            title: newName || undefined,
            containerId: newContentId ? parseContentId(newContentId, 'newContentId') : undefined,
          },
        );
        return reply.status(204).send();
      },
    );

    const trashSchema = { params: AttachmentParams };
    app.delete(
      '/content/:id/child/attachment/:attachmentId',
      { schema: trashSchema },
      async (request, reply) => {
        await trashAttachment(
          deps,
          request.principal,
          parseContentId(request.params.id),
          parseContentId(request.params.attachmentId, 'attachmentId'),
        );
        return reply.status(204).send();
      },
    );

    app.delete(
      '/content/:id/child/attachment/:attachmentId/version/:version',
      { schema: { params: AttachmentVersionParams } },
      async (request, reply) => {
        await deleteAttachmentVersion(deps, request.principal, {
          containerId: parseContentId(request.params.id),
          attachmentId: parseContentId(request.params.attachmentId, 'attachmentId'),
          versionNumber: versionNumberOf(request.params.version),
        });
        return reply.status(204).send();
      },
    );
  };
}
