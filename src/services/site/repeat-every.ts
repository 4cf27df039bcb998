export interface Repeating {
  /** Runs the work now, unless a run is under way (then waits for that one). */
  runNow(): Promise<void>;
  /** Stops the schedule and waits for a run under way, so the store can close after it. */
  stop(): Promise<void>;
}

/**
 * Runs `work` every `everyMs`; a run still going when the next is due is not doubled, and a failure goes
 * to `onError` rather than stopping the schedule. The timer never keeps the process alive on its own.
 */
export function repeatEvery(
  work: () => Promise<unknown>,
  options: { everyMs: number; onError: (error: unknown) => void },
): Repeating {
  let running: Promise<void> | undefined;
  const runNow = () => {
    running ??= work()
      .then(() => undefined, options.onError)
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(runNow, options.everyMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
