import type { ContentViewTally } from '../../ports/content-extras-store.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Views not yet written: a read of content only bumps a counter here, and the counters are written in one
 * transaction now and then (schedule-view-flushing.ts), so counting views costs a read nothing. Views
 * still here when the process dies are lost, which analytics can bear. One instance per process, made by
 * main.ts and passed down.
 */
export class ContentViewLog {
  readonly #pending = new Map<string, ContentViewTally>();

  record(contentId: number, viewerId: number | null, atMs: number): void {
    const day = Math.floor(atMs / dayMs) * dayMs;
    const viewer = viewerId ?? 0;
    const key = `${contentId}:${viewer}:${day}`;
    const tally = this.#pending.get(key);
    if (tally) tally.views += 1;
    else this.#pending.set(key, { contentId, viewerId: viewer, dayMs: day, views: 1 });
  }

  /** Everything counted so far, which is then forgotten here. */
  drain(): ContentViewTally[] {
    const tallies = [...this.#pending.values()];
    this.#pending.clear();
    return tallies;
  }
}

export const startOfUtcDay = (ms: number) => Math.floor(ms / dayMs) * dayMs;
