import type { ContentBody } from './content.ts';
import { badRequest } from './errors.ts';

// Control characters break the download servlet's paths and XML storage; Confluence rejects them too.
// Unicode's Cc: C0, DEL and the C1 range U+0080–U+009F.
export const hasControlCharacters = (text: string) => /\p{Cc}/u.test(text);

export function normaliseTitle(raw: unknown, what = 'Title'): string {
  const title = typeof raw === 'string' ? raw.trim() : '';
  if (title.length === 0) throw badRequest(`${what} cannot be empty`, { field: 'title' });
  if (title.length > 255)
    throw badRequest(`${what} cannot be longer than 255 characters`, { field: 'title' });
  if (hasControlCharacters(title))
    throw badRequest(`${what} cannot contain control characters`, { field: 'title' });
  return title;
}

/** The representations a client may write; others are rendered from `storage` on read. */
export const storedRepresentations = ['storage', 'atlas_doc_format', 'wiki', 'editor'] as const;
/** Custom content's: `raw` is the app's own text (often JSON), kept as written and shown as written. */
export const customContentRepresentations = ['storage', 'atlas_doc_format', 'raw'] as const;

/** One representation of a written body; `value` is text, or a JSON document (ADF) kept as its text. */
export interface BodyValueInput {
  readonly representation?: string;
  readonly value?: unknown;
}

/**
 * A body as a client writes it: v2's flat `{representation, value}` or v1's `{storage: {value, …}}` keyed
 * by representation (either surface sends either). Which representation a use case takes is checked by
 * `bodyFromInput`.
 */
export interface ContentBodyInput extends BodyValueInput {
  readonly storage?: BodyValueInput;
  readonly atlas_doc_format?: BodyValueInput;
  readonly wiki?: BodyValueInput;
  readonly editor?: BodyValueInput;
  readonly raw?: BodyValueInput;
}

/** A body given where its shape is not yet known: none (`null` too), or an object `bodyFromInput` reads. */
function bodyInputOf(raw: unknown): ContentBodyInput | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object') throw badRequest('body must be an object');
  return raw as ContentBodyInput;
}

/**
 * Reads a v1 `body` (`{"storage":{"value","representation"}}`) or a v2 one (`{"representation","value"}`).
 * `wiki` and `editor` are taken as storage (both are XHTML-ish and clients send them rarely).
 */
export function bodyFromInput(
  raw: unknown,
  representations: readonly string[] = storedRepresentations,
): ContentBody | undefined {
  const given = bodyInputOf(raw);
  if (given === undefined) return undefined;
  const record: Readonly<Record<string, unknown>> = { ...given };
  if (typeof record.representation === 'string') {
    return checkedBody(record.representation, record.value, representations);
  }
  for (const representation of representations) {
    const nested = record[representation];
    if (nested && typeof nested === 'object') {
      const value = (nested as Record<string, unknown>).value;
      return checkedBody(representation, value, representations);
    }
  }
  throw badRequest(`body must carry one of ${representations.join(', ')} with a value`);
}

function checkedBody(
  representation: string,
  value: unknown,
  representations: readonly string[],
): ContentBody {
  if (!representations.includes(representation)) {
    throw badRequest(`Unsupported body representation: ${representation}`);
  }
  const text =
    typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  const stored = representation === 'wiki' || representation === 'editor' ? 'storage' : representation;
  return { representation: stored, value: text };
}

export const emptyStorageBody: ContentBody = { representation: 'storage', value: '' };
