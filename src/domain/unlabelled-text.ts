const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a multipart part that names no charset: UTF-8 when the bytes are valid UTF-8, else
 * ISO-8859-1, which is how Atlassian reads such parts (api-reference.md §1.2). Clients that send UTF-8
 * unlabelled get their text; older ones that send Latin-1 get theirs instead of replacement characters.
 */
export function unlabelledText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}
