#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): libuv sizes its thread pool when the first file operation runs,
// and an ES module entry has already read files by the time its first line runs. Every upload waits in
// that pool for its fsyncs, so the default 4 threads hold 16 concurrent small uploads to the disk's pace
// of 4 (docs/performance.md). A value in the environment wins.
process.env.UV_THREADPOOL_SIZE ??= '16';

import('../dist/main.js').then(
  async ({ main }) => {
    process.exitCode = await main(process.argv);
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
