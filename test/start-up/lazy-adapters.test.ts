import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

/**
 * Runs `tributary serve` in a fresh process through src/main.ts's `main`, as bin/tributary.js does, and
 * answers the URLs of every module (ES or CommonJS) loaded by the time the first `/status` has answered,
 * as recorded by module hooks that append each loaded URL to a file.
 */
const modulesLoadedToFirstStatus = async (dir: string) => {
  const record = path.join(dir, 'loaded.txt');
  const hooks = path.join(dir, 'record-loads.mjs');
  await writeFile(
    hooks,
    `import { appendFileSync } from 'node:fs';
     export async function load(url, context, next) {
       appendFileSync(${JSON.stringify(record)}, url + '\\n');
       return next(url, context);
     }`,
  );
  const register = path.join(dir, 'register.mjs');
  await writeFile(
    register,
    `import { register } from 'node:module';
     register(${JSON.stringify(pathToFileURL(hooks).href)});`,
  );
  const script = `
    const { main } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/main.ts')).href)});
    const { appendFileSync } = await import('node:fs');
    let origin;
    process.stdout.write = (text) => {
      origin ??= String(text).split('running at ')[1]?.trim();
      return true;
    };
    const running = main(['node', 'tributary', 'serve']);
    while (!origin) await new Promise((resolve) => setTimeout(resolve, 5));
    const { status } = await fetch(origin + '/status');
    appendFileSync(${JSON.stringify(record)}, 'first /status answered ' + status + '\\n');
    process.kill(process.pid, 'SIGTERM');
    process.exitCode = await running;
  `;
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--import', pathToFileURL(register).href, '--input-type=module', '--eval', script],
    {
      cwd: root,
      env: {
        ...process.env,
        TRIBUTARY_DATA_DIR: path.join(dir, 'site'),
        TRIBUTARY_PORT: '0',
        TRIBUTARY_ADMIN_PASSWORD: 'admin-secret-for-tests',
        TRIBUTARY_LOG_LEVEL: 'silent',
      },
    },
  );
  const lines = (await readFile(record, 'utf8')).split('\n');
  const answered = lines.findIndex((line) => line.startsWith('first /status answered'));
  assert.equal(lines[answered], 'first /status answered 200');
  return lines.slice(0, answered);
};

/**
 * What a first request does not need stays unloaded until a request needs it (issue 21, start-up): each
 * entry is a package under node_modules/ or a folder under src/, and the request that loads it.
 */
const loadedOnlyWhenUsed = [
  ['node_modules/undici/', 'the first webhook, or a toolkit command'],
  ['node_modules/file-type/', 'the first upload'],
  ['node_modules/csv-stringify/sync', 'attachments ls --format csv'],
  ['node_modules/cli-progress/', 'a toolkit or backup command'],
  ['src/client/http.ts', 'a toolkit command'],
  ['src/cli/attachments/', 'the attachments commands'],
  ['src/cli/backup/', 'backup, restore and migrate'],
  ['src/cli/users-commands.ts', 'the users commands'],
  ['src/cli/migrate-site-command.ts', 'migrate-site'],
  ['src/adapters/metadata/site-copy/', 'migrate-site'],
] as const;

describe('starting the server from the command line', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-start-up-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('loads no other command, the HTTP client or file-type before the first /status', async () => {
    const loaded = await modulesLoadedToFirstStatus(dir);
    assert.ok(
      loaded.some((url) => url.includes('/src/http/app.ts')),
      'the record holds what the server loaded',
    );
    const early = loadedOnlyWhenUsed.filter(([part]) => loaded.some((url) => url.includes(`/${part}`)));
    assert.deepEqual(early, []);
  });
});

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
