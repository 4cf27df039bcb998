/**
 * A `multipart/form-data` body streamed from a file, with its exact length known up front (so the
 * request carries Content-Length and the file is never held in memory).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface MultipartFile {
  path: string;
  sizeBytes: number;
  /** The file name the server stores, sent as the part's filename (UTF-8, as browsers send it). */
  name: string;
  mediaType: string;
}

export interface MultipartBody {
  contentType: string;
  lengthBytes: number;
  /** A fresh stream of the whole body, from its first byte: each (re)try calls it again. */
  open(onFileBytes?: (bytes: number) => void): AsyncIterable<Uint8Array>;
}

/**
 * Quoted-string escaping: backslash before `"` and `\`, as busboy and Atlassian's parser read it; line
 * breaks cannot appear in an attachment name, and are refused rather than sent.
 */
function quoted(text: string): string {
  if (/[\r\n]/.test(text))
    throw new TypeError(`A file name cannot contain a line break: ${JSON.stringify(text)}`);
  return `"${text.replace(/(["\\])/g, '\\$1')}"`;
}

/** Text fields first, then the file, so a server that handles parts in order knows them in time. */
export function multipartBody(
  file: MultipartFile,
  fields: ReadonlyArray<readonly [string, string]>,
): MultipartBody {
  const boundary = `----tributary${randomBytes(12).toString('hex')}`;
  const textParts = fields.map(([name, value]) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\n\r\n${value}\r\n`,
      'utf8',
    ),
  );
  const fileHead = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=${quoted(file.name)}\r\n` +
      `Content-Type: ${file.mediaType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  const lengthBytes =
    textParts.reduce((sum, part) => sum + part.length, 0) + fileHead.length + file.sizeBytes + tail.length;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    lengthBytes,
    async *open(onFileBytes) {
      yield* textParts;
      yield fileHead;
      for await (const chunk of createReadStream(file.path, { highWaterMark: 256 * 1024 })) {
        const bytes = chunk as Buffer;
        onFileBytes?.(bytes.length);
        yield bytes;
      }
      yield tail;
    },
  };
}
