import type { Content } from '../../../domain/content.ts';

/** v2's name for a content's type: v1's `comment` is `footer-comment` or `inline-comment` here. */
export function v2ContentTypeOf(content: Content): string {
  if (content.type !== 'comment') return content.type;
  return content.commentLocation === 'inline' ? 'inline-comment' : 'footer-comment';
}

/** `POST /content/convert-ids-to-types`: each id asked for, with its type or null when not visible. */
export function presentV2ContentTypes(
  asked: readonly { key: string; id: number }[],
  found: ReadonlyMap<number, Content>,
) {
  const results: Record<string, string | null> = {};
  for (const { key, id } of asked) {
    const content = found.get(id);
    results[key] = content === undefined ? null : v2ContentTypeOf(content);
  }
  return { results };
}
