/**
 * The environment of a process that serves or benchmarks: libuv's thread pool sized as `bin/tributary.js`
 * sizes it for `tributary serve`, since a bench runs the server in-process from source, not through the
 * launcher, and the pool can only be sized before a process starts (the default 4 threads hold 16
 * concurrent uploads to the pace of 4 fsyncs). Baselines run with the same pool.
 */
export const serverEnvironment = (): NodeJS.ProcessEnv => ({
  ...process.env,
  UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16',
});
