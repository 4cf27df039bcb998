import mime from 'mime-types';
import type { MediaTypes } from '../../ports/media-types.ts';

/**
 * Magic numbers through `file-type`, extensions through `mime-types`. file-type (with its tokenizer, some
 * 35 modules) loads with the first upload rather than at start-up (issue 21, start-up).
 */
export const sniffingMediaTypes: MediaTypes = {
  // What file-type reads to recognise every format it knows.
  headBytes: 4100,
  async fromBytes(head) {
    const { fileTypeFromBuffer } = await import('file-type');
    return (await fileTypeFromBuffer(head))?.mime;
  },
  fromName(filename) {
    return mime.lookup(filename) || undefined;
  },
};
