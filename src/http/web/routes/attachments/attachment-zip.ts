import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ZipFile } from 'yazl';
import type { Content } from '../../../../domain/content.ts';
import { badRequest } from '../../../../domain/errors.ts';
import { requireAttachmentsOn } from '../../../../services/attachments/require-attachments-on.ts';
import { singleField } from '../../../common/form-body.ts';
import { typed } from '../../../common/schemas.ts';
import { contentDisposition } from '../../../common/send-attachment.ts';
import { screenQueryOf } from '../../schemas.ts';
import type { WebDeps } from '../../web-deps.ts';

/** Unique names inside the zip: a second `a.txt` becomes `a (2).txt`. */
function entryNamesOf(attachments: readonly Content[]): string[] {
  const used = new Set<string>();
  return attachments.map((attachment) => {
    const title = attachment.title;
    const dot = title.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [title.slice(0, dot), title.slice(dot)] : [title, ''];
    let name = title;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${stem} (${n})${extension}`;
    used.add(name.toLowerCase());
    return name;
  });
}

const idsOf = (value: unknown): number[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((id) => {
    const parsed = Number(id);
    if (!Number.isSafeInteger(parsed) || parsed <= 0) throw badRequest('id must be attachment ids');
    return parsed;
  });

/**
 * The selected attachments of a page as one zip, streamed: each file is read from the blob store only
 * when the zip reaches it, and the zip goes out as it is written, so memory stays flat for any size.
 */
export function attachmentZipRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/pages/downloadattachments.action',
      { schema: { querystring: screenQueryOf('pageId', 'id') } },
      async (request, reply) => {
        const pageId = Number(singleField(request.query.pageId));
        if (!Number.isSafeInteger(pageId) || pageId <= 0) throw badRequest('pageId must be a page id');
        const attachments = await requireAttachmentsOn(
          deps.services,
          request.principal,
          pageId,
          idsOf(request.query.id),
        );
        const zip = new ZipFile();
        entryNamesOf(attachments).forEach((name, index) => {
          const attachment = attachments[index] as Content;
          const file = attachment.version.file;
          if (!file) return;
          zip.addReadStreamLazy(
            name,
            { mtime: new Date(attachment.version.createdAtMs), size: file.sizeBytes, compress: false },
            (done: (error: Error | null, stream: NodeJS.ReadableStream) => void) => {
              deps.services.blobs.read(file.sha256).then(
                (stream) => done(null, stream),
                // yazl wants a stream even with the error; the error ends the zip (and the response).
                (error: Error) => done(error, Readable.from([])),
              );
            },
          );
        });
        zip.end();
        return reply
          .header('content-disposition', contentDisposition(`attachments-${pageId}.zip`))
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .type('application/zip')
          .send(zip.outputStream);
      },
    );
  };
}
