import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../domain/errors.ts';
import { removeAttachmentByName } from '../../services/attachments/remove-attachment-by-name.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { parseContentId } from '../common/content-ids.ts';
import { acceptFormBodies, singleField } from '../common/form-body.ts';
import { typed } from '../common/schemas.ts';
import { optionalWholeNumber } from '../v1/content-input.ts';
import { RemoveAttachmentQuery } from './schemas/remove-attachment-action.ts';

/**
 * `POST /json/removeattachment.action?pageId=..&fileName=..[&version=..]`, which an older Server client
 * still uses (clients.md). Fields come in the query or a form body; errors use the v1 envelope.
 */
export function legacyRemoveAttachmentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    acceptFormBodies(untyped);
    const app = typed(untyped);

    const action = { schema: { querystring: RemoveAttachmentQuery } };
    app.post('/json/removeattachment.action', action, async (request) => {
      const form = request.body !== null && typeof request.body === 'object' ? request.body : {};
      const fields: Record<string, unknown> = { ...form, ...request.query };
      const fileName = singleField(fields.fileName);
      if (!fileName) throw badRequest('fileName is required', { field: 'fileName' });
      const versionNumber = optionalWholeNumber(singleField(fields.version), 'version');
      const { attachment, outcome } = await removeAttachmentByName(deps, request.principal, {
        containerId: parseContentId(singleField(fields.pageId), 'pageId'),
        filename: fileName,
        versionNumber,
      });
      const message =
        outcome === 'trashed'
          ? `Attachment '${attachment.title}' moved to the trash.`
          : `Version ${versionNumber} of attachment '${attachment.title}' deleted.`;
      return { status: 'success', message };
    });
  };
}
