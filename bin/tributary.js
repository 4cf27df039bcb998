#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): libuv sizes its thread pool when the first file operation runs,
// and an ES module entry has already read files by the time its first line runs. Every upload waits in
// that pool for its fsyncs, so the default 4 threads hold 16 concurrent small uploads to the disk's pace
// of 4 (docs/performance.md). A value in the environment wins.
process.env.UV_THREADPOOL_SIZE ??= '16';
// Node 22.1 and later keep the compiled code of the ~1,200 modules a start loads on disk, so that the
// next start skips compiling them; Node 20 has no such cache, and this is a no-op there.
require('node:module').enableCompileCache?.();

// The bundle of dist/ and its packages (scripts/bundle-server.mjs): a few dozen files to load, not 2,300.
import('../dist/bundle/server/main.js').then(
  async ({ main }) => {
    process.exitCode = await main(process.argv);
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
