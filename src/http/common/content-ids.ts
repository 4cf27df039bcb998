import type { Content, ContentType } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Surface } from './surface.ts';

/** Cloud shows attachment ids as `att123`; Data Center as `123` (api-reference.md §0.4). */
export function wireContentId(content: Pick<Content, 'id' | 'type'>, surface: Surface): string {
  return surface.cloud && content.type === 'attachment' ? `att${content.id}` : String(content.id);
}

export function wireIdOf(id: number, type: ContentType, surface: Surface): string {
  return wireContentId({ id, type }, surface);
}

/** Accepts `123` and `att123` on every surface; anything else is a 400 naming the parameter. */
export function parseContentId(raw: string | undefined, name = 'id'): number {
  const match = /^(?:att)?(\d{1,15})$/.exec(raw ?? '');
  if (!match?.[1]) throw badRequest(`${name} must be a content id such as 123 or att123, not '${raw ?? ''}'`);
  return Number(match[1]);
}
