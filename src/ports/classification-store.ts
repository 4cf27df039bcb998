import type { ClassificationLevel } from '../domain/classification.ts';

/**
 * The site's classification levels, each space's default level and each content's own level. Content is
 * addressed by id whatever its type, so every kind of content shares this storage.
 */
export interface ClassificationsRepository {
  /** Every stored level, in their `order`. */
  listLevels(): Promise<ClassificationLevel[]>;
  findLevel(id: string): Promise<ClassificationLevel | undefined>;
  spaceDefaultOf(spaceId: number): Promise<string | undefined>;
  /** Sets or replaces the space's default level. */
  setSpaceDefault(spaceId: number, levelId: string, atMs: number): Promise<void>;
  clearSpaceDefault(spaceId: number): Promise<void>;
  contentLevelOf(contentId: number): Promise<string | undefined>;
  /** Sets or replaces the content's own level. */
  setContentLevel(contentId: number, levelId: string, atMs: number): Promise<void>;
  clearContentLevel(contentId: number): Promise<void>;
}
