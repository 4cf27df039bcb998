import type { ServiceDeps } from '../deps.ts';
import { pruneAuditRecords } from './prune-audit-records.ts';

export interface AuditPruning {
  /** Stops the schedule and waits for a clean-up under way, so the store can close after it. */
  stop(): Promise<void>;
}

export interface AuditPruningOptions {
  everyMs: number;
  onError: (error: unknown) => void;
}

/**
 * The server applies the retention period now and then every `everyMs` (reads hide expired records in
 * between, audit-filters.ts). A clean-up still running when the next is due is not doubled.
 */
export function scheduleAuditPruning(deps: ServiceDeps, options: AuditPruningOptions): AuditPruning {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= pruneAuditRecords(deps)
      .then(() => undefined, options.onError)
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, options.everyMs);
  // The schedule never keeps the process alive on its own.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
