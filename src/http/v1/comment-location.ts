import { badRequest } from '../../domain/errors.ts';

const locations = ['footer', 'inline', 'resolved'] as const;

/** Which comments `location` selects on `/child/comment`. */
export interface CommentLocationChoice {
  /** Undefined: comments at every location. */
  location?: 'footer' | 'inline';
  /** Only `resolved` was asked for: we keep no resolution state, so no comment is resolved. */
  none: boolean;
}

/**
 * `location` may repeat (`location=footer&location=inline`) or list values with commas; the comments at
 * any named location are returned, every comment when none is named (both v1 specs).
 */
export function commentLocationOf(raw: string | string[] | undefined): CommentLocationChoice {
  const named = new Set(
    [raw ?? []]
      .flat()
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value !== ''),
  );
  for (const value of named) {
    if (!(locations as readonly string[]).includes(value)) {
      throw badRequest(`location must be footer, inline or resolved, not '${value}'`, { field: 'location' });
    }
  }
  const footer = named.has('footer');
  const inline = named.has('inline');
  if (footer && !inline) return { location: 'footer', none: false };
  if (inline && !footer) return { location: 'inline', none: false };
  return { none: named.size > 0 && !footer && !inline };
}
