/** Recognises file types; how is an adapter's business (magic numbers, extension tables). */
export interface MediaTypes {
  /** The media type the first bytes of a file reveal, if any. */
  fromBytes(head: Uint8Array): Promise<string | undefined>;
  /** The media type usual for the file name's extension, if any. */
  fromName(filename: string): string | undefined;
  /** How many leading bytes `fromBytes` wants to see. */
  readonly headBytes: number;
}
