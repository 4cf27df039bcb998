// Node 20 has no compile cache (module.enableCompileCache came in 22.1), and compiling the 7 MB bundle,
// then each function as it first runs, is a large part of every start (docs/performance.md). This loads
// the bundle as require() would, but through a vm.Script given the code V8 compiled for it in an earlier
// run, and keeps that code once the process has run a while, so that what start-up and the first requests
// compiled lazily is in it too (the `v8-compile-cache` package caches only what compiling the file itself
// produces, which saved nothing here). V8 refuses a cache made for other source or by another V8; a fresh
// one then replaces it.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/** How long a process runs before its compiled code is kept: a start and its first requests. */
const keepAfterMs = 2000;

function loadWithCodeCache(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const cacheFile = cacheFileFor(filename);
  const cachedData = cacheFile && readOwnFile(cacheFile);
  const script = new vm.Script(Module.wrap(source), {
    filename,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const bundle = { exports: {} };
  script.runInThisContext()(
    bundle.exports,
    Module.createRequire(filename),
    bundle,
    filename,
    path.dirname(filename),
  );
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    const keepCompiled = () => {
      clearTimeout(timer);
      process.off('exit', keepCompiled);
      keep(cacheFile, script.createCachedData());
    };
    const timer = setTimeout(keepCompiled, keepAfterMs).unref();
    // A shorter run (a test suite's server, stopped after a few requests) keeps what it compiled as it ends.
    process.once('exit', keepCompiled);
  }
  return bundle.exports;
}

/**
 * In the user's cache folder, named by the bundle's path, then by the V8 that compiles and the bundle's
 * size and time: a bundle rebuilt or a Node upgraded makes a new name, and the old file goes (`keep`).
 */
function cacheFileFor(filename) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const folder = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const { size, mtimeMs } = fs.statSync(filename);
  const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
  const name = `${hash(filename)}-${hash(`${process.versions.v8}\0${size}\0${mtimeMs}`)}.bin`;
  return path.join(folder, 'tributary', 'code-cache', name);
}

/** Compiled code runs as this user: only a file this user owns, in a folder only they can write, is read. */
function readOwnFile(file) {
  try {
    const folder = fs.statSync(path.dirname(file));
    const stat = fs.statSync(file);
    const uid = process.getuid?.();
    if (uid !== undefined && (stat.uid !== uid || folder.uid !== uid || (folder.mode & 0o022) !== 0))
      return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole under another name, then renamed: a start never reads half a cache. */
function keep(file, data) {
  try {
    const folder = path.dirname(file);
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    fs.renameSync(temporary, file);
    // The same bundle's caches from before a rebuild or an upgrade are of no use any more.
    const bundlePrefix = `${path.basename(file).split('-')[0]}-`;
    for (const other of fs.readdirSync(folder)) {
      if (other.startsWith(bundlePrefix) && other.endsWith('.bin') && other !== path.basename(file))
        fs.rmSync(path.join(folder, other), { force: true });
    }
  } catch {
    // A cache is an optimisation: a folder we cannot write only means compiling again next time.
  }
}

module.exports = { loadWithCodeCache };
