import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { badRequest, DomainError } from '../../domain/errors.ts';
import { unlabelledText } from '../../domain/unlabelled-text.ts';
import type { UploadPart } from '../../services/attachments/upload-attachments.ts';

/** Our own errors pass; the parser's 4xx keep their status; anything else means a broken or cut-off body. */
function asClientError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return error;
  return badRequest('The multipart body is malformed or was cut off before its end');
}

async function* guarded(bytes: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  try {
    yield* bytes;
  } catch (error) {
    throw asClientError(error);
  }
}

/**
 * A text field's value. The parser reads parts that name no charset as Latin-1 (see app.ts), one
 * character per byte, so the bytes are had back and read as UTF-8 where valid. A value with characters
 * past U+00FF came from a part that named its charset, and is taken as the parser decoded it.
 */
function fieldText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the Latin-1 range is the point
  return /^[\u0000-\u00ff]*$/.test(value) ? unlabelledText(Buffer.from(value, 'latin1')) : value;
}

/** The request's multipart parts as the upload service reads them, streamed, one at a time. */
export async function* uploadPartsOf(request: FastifyRequest): AsyncIterable<UploadPart> {
  if (!request.isMultipart()) throw badRequest('Attachments are uploaded as multipart/form-data');
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const file = part as MultipartFile;
        yield {
          kind: 'file',
          fieldName: file.fieldname,
          // The parser takes a part of type application/octet-stream as a file even when it names none.
          filename: file.filename ?? '',
          mediaType: file.mimetype,
          bytes: guarded(file.file),
        };
      } else {
        const field = part as MultipartValue<unknown>;
        // The parser cuts a value at its field limit; stored cut, a comment would lose its end unseen.
        if (field.valueTruncated) throw badRequest(`The field '${field.fieldname}' is too long`);
        yield { kind: 'field', name: field.fieldname, value: fieldText(String(field.value ?? '')) };
      }
    }
  } catch (error) {
    throw asClientError(error);
  }
  // After the last part, so that the bytes are stored and then released by the upload's own clean-up.
  if (request.uploadFault) throw request.uploadFault;
}
