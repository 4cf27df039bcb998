#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): libuv sizes its thread pool when the first file operation runs,
// and an ES module entry has already read files by the time its first line runs. Every upload waits in
// that pool for its fsyncs, so the default 4 threads hold 16 concurrent small uploads to the disk's pace
// of 4 (docs/performance.md). A value in the environment wins.
process.env.UV_THREADPOOL_SIZE ??= '16';

// The bundle of dist/ and its packages (scripts/bundle-server.mjs), with its compiled code kept between
// starts: Node 22.1 and later do that themselves; on Node 20, load-with-code-cache.js does.
const { enableCompileCache } = require('node:module');
const bundle = require.resolve('../dist/bundle/server/main.cjs');
enableCompileCache?.();
const { main } = enableCompileCache
  ? require(bundle)
  : require('./load-with-code-cache.js').loadWithCodeCache(bundle);

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
