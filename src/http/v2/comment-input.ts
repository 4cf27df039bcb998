import { badRequest } from '../../domain/errors.ts';
import type { JsonObject } from './content-input.ts';
import { v2IdOf } from './path-ids.ts';

// `PrimaryBodyRepresentation` for lists, `PrimaryBodyRepresentationSingle` for one comment (v2 spec).
export const listFormats = ['storage', 'atlas_doc_format'];
export const singleFormats = [
  ...listFormats,
  'view',
  'export_view',
  'anonymous_export_view',
  'styled_view',
  'editor',
];

export function formatOf(raw: string | undefined, allowed: readonly string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!allowed.includes(raw)) {
    throw badRequest(`body-format must be one of ${allowed.join(', ')}, not '${raw}'`, {
      field: 'body-format',
    });
  }
  return raw;
}

/**
 * An optional id in a v2 body: a string (as the spec has it) or a number. Attachment ids are parsed with
 * `parseContentId`, which takes them as Cloud writes them (`att123`) or bare.
 */
export function optionalIdOf(body: JsonObject, name: string, parse = v2IdOf): number | undefined {
  const raw = body[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  return parse(typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '', name);
}
