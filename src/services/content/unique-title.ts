import type { ContentType } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { ContentRepository } from '../../ports/content-store.ts';

/**
 * Confluence allows one current page per title in a space (and one blog post per title per day, which
 * we simplify to per space); the message is the one DC sends, which clients show.
 */
export async function requireUniqueTitle(
  content: ContentRepository,
  candidate: { type: ContentType; spaceId: number; title: string; spaceKey: string; exceptId?: number },
): Promise<void> {
  const clash = await content.list(
    { types: [candidate.type], spaceIds: [candidate.spaceId], title: candidate.title, statuses: ['current'] },
    { start: 0, limit: 2 },
  );
  if (clash.items.some((item) => item.id !== candidate.exceptId)) {
    throw badRequest(
      `A ${candidate.type === 'blogpost' ? 'blog post' : 'page'} with this title already exists: A ${
        candidate.type === 'blogpost' ? 'blog post' : 'page'
      } already exists with the title ${candidate.title} in the space with key ${candidate.spaceKey}`,
      { title: candidate.title },
    );
  }
}
