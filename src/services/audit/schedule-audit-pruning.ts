import type { ServiceDeps } from '../deps.ts';
import { repeatEvery } from '../site/repeat-every.ts';
import { pruneAuditRecords } from './prune-audit-records.ts';

export interface AuditPruning {
  /** Stops the schedule and waits for a clean-up under way, so the store can close after it. */
  stop(): Promise<void>;
}

export interface AuditPruningOptions {
  everyMs: number;
  onError: (error: unknown) => void;
  /** Whether this process prunes now: one process of a site does (schedule-site-duties.ts). */
  runsHere: () => boolean;
}

/**
 * The server applies the retention period now and then every `everyMs` (reads hide expired records in
 * between, audit-filters.ts). A clean-up still running when the next is due is not doubled.
 */
export function scheduleAuditPruning(deps: ServiceDeps, options: AuditPruningOptions): AuditPruning {
  const pruning = repeatEvery(async () => {
    if (options.runsHere()) await pruneAuditRecords(deps);
  }, options);
  void pruning.runNow();
  return { stop: () => pruning.stop() };
}
