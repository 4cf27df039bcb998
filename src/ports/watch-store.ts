import type { WatchTarget } from '../domain/watch.ts';

/** Who watches what; notifications will read these. */
export interface WatchesRepository {
  isWatching(userId: number, target: WatchTarget): Promise<boolean>;
  /** False when the user already watched the target (nothing changes then). */
  add(userId: number, target: WatchTarget, createdAtMs: number): Promise<boolean>;
  /** False when the user did not watch the target. */
  remove(userId: number, target: WatchTarget): Promise<boolean>;
  /** Who watches the target, earliest watcher first. */
  watchersOf(target: WatchTarget): Promise<{ userId: number; createdAtMs: number }[]>;
}
