import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Starts the server on an embedded site (SQLite and a blob folder) in a fresh process, so its module cache
 * holds only what start-up loaded, and prints which drivers it holds and which migrations ran.
 */
const startInFreshProcess = async (dataDir: string) => {
  const script = `
    import { createRequire } from 'node:module';
    const { loadConfig } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/config/load-config.ts')).href)});
    const { startServer } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/main.ts')).href)});
    const server = await startServer(loadConfig({
      TRIBUTARY_DATA_DIR: ${JSON.stringify(dataDir)}, TRIBUTARY_PORT: '0',
      TRIBUTARY_ADMIN_PASSWORD: 'admin-secret-for-tests', TRIBUTARY_LOG_LEVEL: 'silent',
    }));
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    const drivers = ['pg', '@aws-sdk/client-s3', '@aws-sdk/lib-storage']
      .filter((name) => loaded.some((file) => file.includes('/node_modules/' + name + '/')));
    console.log(JSON.stringify({ drivers, appliedMigrations: server.site.appliedMigrations }));
    await server.close();
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script],
    { cwd: root },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    drivers: string[];
    appliedMigrations: string[];
  };
};

describe('starting an embedded site', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-start-up-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('loads neither the PostgreSQL driver nor the S3 SDK, and applies the migrations once', async () => {
    const first = await startInFreshProcess(dataDir);
    assert.deepEqual(first.drivers, []);
    assert.ok(first.appliedMigrations.length > 0, 'the first start creates the schema');
  });

  it('checks the migrations on a second start and applies none', async () => {
    const second = await startInFreshProcess(dataDir);
    assert.deepEqual(second.appliedMigrations, []);
  });
});
