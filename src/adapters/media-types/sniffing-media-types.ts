import { fileTypeFromBuffer } from 'file-type';
import mime from 'mime-types';
import type { MediaTypes } from '../../ports/media-types.ts';

/** Magic numbers through `file-type`, extensions through `mime-types`. */
export const sniffingMediaTypes: MediaTypes = {
  // What file-type reads to recognise every format it knows.
  headBytes: 4100,
  async fromBytes(head) {
    return (await fileTypeFromBuffer(head))?.mime;
  },
  fromName(filename) {
    return mime.lookup(filename) || undefined;
  },
};
