import type { Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { repeatEvery } from '../site/repeat-every.ts';

/** A read of the current content by someone: counted in memory, written later. */
export function recordContentView(deps: ServiceDeps, principal: Principal, content: Content): void {
  if (principal.kind === 'system' || content.status !== 'current') return;
  deps.contentViews.record(
    content.id,
    principal.kind === 'user' ? principal.user.id : null,
    deps.clock.nowMs(),
  );
}

/** Writes the views counted so far; content purged meanwhile is skipped by the store's foreign key. */
export async function flushContentViews(deps: ServiceDeps): Promise<void> {
  const tallies = deps.contentViews.drain();
  if (tallies.length === 0) return;
  await deps.store.transaction(async (repositories) => {
    const live = [];
    for (const tally of tallies) {
      if (await repositories.content.findById(tally.contentId)) live.push(tally);
    }
    await repositories.contentViews.add(live);
  });
}

export interface ViewFlushing {
  /** Stops the schedule and writes what is left, so the store can close after it. */
  stop(): Promise<void>;
}

/** Writes counted views every `everyMs`. */
export function scheduleViewFlushing(
  deps: ServiceDeps,
  options: { everyMs: number; onError: (error: unknown) => void },
): ViewFlushing {
  const flushing = repeatEvery(() => flushContentViews(deps), options);
  return {
    async stop() {
      await flushing.stop();
      await flushing.runNow();
    },
  };
}
