import type { ServiceDeps } from '../deps.ts';

export interface KeptLease {
  /** False once a renewal found the lease taken over (this process stalled past it). */
  held(): boolean;
  /** Stops renewing and gives the lease up. */
  release(): Promise<void>;
}

/**
 * Keeps a lease this process has just acquired, renewing it three times per lease period so that a few
 * slow renewals do not lose it. Another process takes it over only once renewals stop (this one died).
 */
export function keepLease(deps: ServiceDeps, name: string, onError: (error: unknown) => void): KeptLease {
  const { id, leaseMs } = deps.node;
  let held = true;
  const timer = setInterval(() => {
    deps.store.leases.renew(name, id, deps.clock.nowMs() + leaseMs).then((renewed) => {
      held &&= renewed;
    }, onError);
  }, leaseMs / 3);
  timer.unref();
  return {
    held: () => held,
    async release() {
      clearInterval(timer);
      if (held) await deps.store.leases.release(name, id);
    },
  };
}

/** The lease that keeps a long task to the process running it. */
export const longTaskLease = (taskId: string) => `long-task:${taskId}`;
