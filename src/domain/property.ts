import { badRequest, DomainError } from './errors.ts';

/** Properties hang off a space or a content item, never both. */
export type PropertyOwner = { spaceId: number } | { contentId: number };

/** A JSON key-value pair on a space or content item, versioned like content (`version.number`). */
export interface Property {
  id: number;
  owner: PropertyOwner;
  key: string;
  /** Any JSON value, as the client sent it. */
  value: unknown;
  versionNumber: number;
  /** What the writer of this version said of it (`version.message`), and whether it was minor. */
  versionMessage: string;
  minorEdit: boolean;
  authorId: number | null;
  updatedAtMs: number;
}

// Confluence's limits: keys of at most 255 characters (api-reference.md §0.9); values of at most 32 KiB
// of JSON, answered with 413 beyond that (Cloud documents 413 "value too long"; the size is [unsure] there).
export const maxPropertyKeyLength = 255;
export const maxPropertyValueBytes = 32 * 1024;

export const propertyKeyRule = 'A property key is required';
export const propertyVersionNumberRule = 'version.number is required: the current version number plus one';
export const propertyVersionMessageRule = 'version.message must be text';
export const propertyMinorEditRule = 'version.minorEdit must be true or false';

export function checkPropertyKey(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0) {
    throw badRequest(propertyKeyRule, { field: 'key' });
  }
  if (raw.length > maxPropertyKeyLength) {
    throw badRequest(`Property key cannot be longer than ${maxPropertyKeyLength} characters`, {
      field: 'key',
    });
  }
  return raw;
}

/** A present value (null counts as none, as Confluence's "no property value was provided") within the size limit. */
export function checkPropertyValue(raw: unknown): unknown {
  if (raw === undefined || raw === null) throw badRequest('A property value is required', { field: 'value' });
  const sizeBytes = Buffer.byteLength(JSON.stringify(raw), 'utf8');
  if (sizeBytes > maxPropertyValueBytes) {
    throw new DomainError('body_too_large', {
      detail: `The property value is ${sizeBytes} bytes of JSON; the limit is ${maxPropertyValueBytes}`,
      maxBytes: maxPropertyValueBytes,
    });
  }
  return raw;
}

/** `version.message` and `version.minorEdit` of an update, with Confluence's defaults. */
export function propertyVersionNotesOf(raw: unknown): { message: string; minorEdit: boolean } {
  const version = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const { message, minorEdit } = version;
  if (message !== undefined && message !== null && typeof message !== 'string') {
    throw badRequest(propertyVersionMessageRule, { field: 'version.message' });
  }
  if (minorEdit !== undefined && minorEdit !== null && typeof minorEdit !== 'boolean') {
    throw badRequest(propertyMinorEditRule, { field: 'version.minorEdit' });
  }
  return { message: message ?? '', minorEdit: minorEdit ?? false };
}

/** `version: {number}`: the new version, which must be the stored one plus one. */
export function propertyVersionNumberOf(raw: unknown): number {
  const number = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).number : undefined;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw badRequest(propertyVersionNumberRule, { field: 'version' });
  }
  return number;
}
