/** A line a long task reports, as Confluence's `Message` (`translation` is the text people read). */
export interface LongTaskMessage {
  translation: string;
}

/**
 * Work that outlives the request that started it (space deletion); clients poll
 * `GET /rest/api/longtask/{id}` until `finished`.
 */
export interface LongTask {
  id: string;
  /** The i18n key naming the kind of task, Confluence's `name.key`. */
  name: string;
  /** Who started it; null for the server itself (the command line) or a since deleted user. */
  ownerId: number | null;
  percentageComplete: number;
  successful: boolean;
  finished: boolean;
  messages: LongTaskMessage[];
  createdAtMs: number;
  finishedAtMs: number | null;
}

/** Confluence's `elapsedTime`: running time so far, or the whole run once finished. */
export function elapsedMsOf(task: LongTask, nowMs: number): number {
  return Math.max(0, (task.finishedAtMs ?? nowMs) - task.createdAtMs);
}
