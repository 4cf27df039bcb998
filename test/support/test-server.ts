import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.ts';
import { settings } from '../../src/config/settings.ts';
import { type RunningServer, startServer } from '../../src/main.ts';
import { type TestBlobStore, testBlobStore } from './test-blob-store.ts';
import { testDatabaseFor } from './test-database.ts';

export const adminPassword = 'admin-secret-for-tests';

export interface TestServer {
  /** Public base URL plus context path, as `_links.base` shows it (on DC paths). */
  url: string;
  /** Where the server really listens, plus the context path; `request` goes here. */
  reachableUrl: string;
  dataDir: string;
  /** Where the blobs are (the folder, or an S3 prefix under TRIBUTARY_TEST_S3_ENDPOINT), to look at them. */
  blobStore: TestBlobStore;
  /** Command-line flags naming this server's site (data dir, and its database on PostgreSQL). */
  siteFlags: string[];
  server: RunningServer;
  /** Real HTTP to the running server; `auth` defaults to the admin's Basic credentials. */
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  /** Stops the server; the data dir stays until `dispose`. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export interface RequestOptions {
  /** `[login, secret]` for Basic, `{ bearer }` for a token, or null for no credentials. */
  auth?: [string, string] | { bearer: string } | null;
  json?: unknown;
  headers?: Record<string, string>;
  body?: RequestInit['body'];
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  body: unknown;
}

export const basic = (login: string, secret: string) =>
  `Basic ${Buffer.from(`${login}:${secret}`).toString('base64')}`;

/** Starts the real server on a free port over a fresh SQLite file and blob folder. */
export async function startTestServer(
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<TestServer> {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'tributary-test-')));
  const database = await testDatabaseFor(dir);
  const blobStore = await testBlobStore(dir);
  const config = loadConfig({
    ...database.env,
    ...blobStore.env,
    TRIBUTARY_DATA_DIR: dir,
    TRIBUTARY_PORT: '0',
    TRIBUTARY_ADMIN_PASSWORD: adminPassword,
    TRIBUTARY_LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await startServer(config);
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const reachableUrl = `http://127.0.0.1:${port}${config.contextPath}`;
  // The CLI finds the same site through flags: the data dir, and the database and blob store when the
  // test switches put them elsewhere.
  const siteFlags = [
    '--data-dir',
    dir,
    ...Object.entries({ ...database.env, ...blobStore.env }).flatMap(([name, value]) => [
      flagOf(name),
      value,
    ]),
  ];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    url: server.url,
    reachableUrl,
    dataDir: dir,
    blobStore,
    siteFlags,
    server,
    ...requesterFor(reachableUrl),
    stop,
    async dispose() {
      await stop();
      await blobStore.dispose();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Where requests go: a server's reachable URL. */
export type Requester = Pick<TestServer, 'request'>;

/** Real HTTP to the server at `reachableUrl`, as `TestServer.request` describes. */
export function requesterFor(reachableUrl: string): Requester {
  return {
    async request(method, requestPath, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const auth = options.auth === undefined ? (['admin', adminPassword] as const) : options.auth;
      if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
      else if (auth) headers.authorization = basic(auth[0], auth[1]);
      let body = options.body;
      if (options.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.json);
      }
      const response = await fetch(reachableUrl + requestPath, { method, headers, body, redirect: 'manual' });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, text, body: parsed };
    },
  };
}

function flagOf(environmentVariable: string): string {
  const setting = settings.find((candidate) => candidate.env === environmentVariable);
  if (!setting) throw new Error(`${environmentVariable} is not a setting`);
  return setting.flag;
}
