import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const loader = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../bin/load-with-code-cache.js',
);

describe('the code cache of the launcher on Node 20 (bin/load-with-code-cache.js)', () => {
  let dir: string;
  let bundle: string;
  let cacheFolder: string;

  /** Loads the bundle in a fresh process that lives past the moment its compiled code is kept. */
  const load = async ({ runMs = 2600 } = {}) => {
    const script = `
      const { answer } = require(${JSON.stringify(loader)}).loadWithCodeCache(${JSON.stringify(bundle)});
      console.log(answer());
      setTimeout(() => {}, ${runMs});
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      env: { ...process.env, XDG_CACHE_HOME: dir, NODE_DISABLE_COMPILE_CACHE: '' },
    });
    return stdout.trim();
  };
  const cacheFile = async () => {
    const [name, ...others] = await readdir(cacheFolder);
    assert.equal(others.length, 0);
    assert.ok(name);
    return path.join(cacheFolder, name);
  };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-code-cache-'));
    bundle = path.join(dir, 'bundle.cjs');
    cacheFolder = path.join(dir, 'tributary', 'code-cache');
    await writeFile(
      bundle,
      `const path = require('node:path');
      exports.answer = () => [path.basename(__filename), 6 * 7].join(' ');`,
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('loads the bundle as require() would, and keeps its compiled code where only its user may write', async () => {
    assert.equal(await load(), 'bundle.cjs 42');
    const file = await cacheFile();
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(cacheFolder)).mode & 0o777, 0o700);
  });

  it('keeps the compiled code of a run that ends sooner, as it exits', async () => {
    await rm(await cacheFile());
    assert.equal(await load({ runMs: 50 }), 'bundle.cjs 42');
    assert.ok((await stat(await cacheFile())).size > 0);
  });

  it('uses a cache that V8 accepts, and leaves it as it is', async () => {
    const file = await cacheFile();
    const before = await readFile(file);
    const { mtimeMs } = await stat(file);
    assert.equal(await load(), 'bundle.cjs 42');
    assert.equal((await stat(file)).mtimeMs, mtimeMs);
    assert.deepEqual(await readFile(file), before);
  });

  it('replaces a cache V8 refuses, and one in a folder others may write, without failing the load', async () => {
    const file = await cacheFile();
    await writeFile(file, 'not compiled code');
    assert.equal(await load(), 'bundle.cjs 42');
    assert.notEqual(await readFile(file, 'utf8'), 'not compiled code');

    await chmod(cacheFolder, 0o777);
    const { mtimeMs } = await stat(file);
    assert.equal(await load(), 'bundle.cjs 42');
    assert.ok((await stat(file)).mtimeMs > mtimeMs, 'read and kept again rather than trusted');
    await chmod(cacheFolder, 0o700);
  });

  it('keeps one cache per bundle: a rebuilt bundle’s replaces the old one', async () => {
    const before = await cacheFile();
    // A rebuild: the same path, another time.
    await utimes(bundle, new Date(), new Date(Date.now() + 5_000));
    assert.equal(await load(), 'bundle.cjs 42');
    const after = await cacheFile();
    assert.notEqual(after, before);
  });
});
