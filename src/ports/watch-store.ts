import type { Slice, Window } from '../domain/paging.ts';
import type { User } from '../domain/user.ts';
import type { WatchTarget } from '../domain/watch.ts';

/** Who watches what; notifications will read these. */
export interface WatchesRepository {
  isWatching(userId: number, target: WatchTarget): Promise<boolean>;
  /** False when the user already watched the target (nothing changes then). */
  add(userId: number, target: WatchTarget, createdAtMs: number): Promise<boolean>;
  /** False when the user did not watch the target. */
  remove(userId: number, target: WatchTarget): Promise<boolean>;
  /** The users watching the target, in the order they started to. */
  watchers(target: WatchTarget, window: Window): Promise<Slice<User>>;
}
